using Apache.Arrow;

namespace Chalk.Expressions;

/// <summary>An evaluation result that is either an array (one value per row) or a scalar standing for every row.</summary>
/// <remarks>A literal or constant expression stays a scalar; <see cref="ToArray"/> expands it only when a caller needs an array.</remarks>
public sealed class ColumnarValue
{
    private IArrowArray? _array;

    private ColumnarValue(ExprType type, int length, IArrowArray? array, bool isScalar, object? scalar)
    {
        Type = type;
        Length = length;
        _array = array;
        IsScalar = isScalar;
        Scalar = scalar;
    }

    /// <summary>Wraps an array.</summary>
    /// <param name="type">Its IR type.</param>
    /// <param name="array">The array.</param>
    /// <returns>The value.</returns>
    public static ColumnarValue FromArray(ExprType type, IArrowArray array) => new(type, array.Length, array, false, null);

    /// <summary>Wraps a scalar standing for <paramref name="length"/> rows.</summary>
    /// <param name="type">Its IR type.</param>
    /// <param name="value">The boxed value or null.</param>
    /// <param name="length">The number of rows it stands for.</param>
    /// <returns>The value.</returns>
    public static ColumnarValue FromScalar(ExprType type, object? value, int length) => new(type, length, null, true, value);

    /// <summary>The IR type.</summary>
    public ExprType Type { get; }

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>Whether this is a scalar.</summary>
    public bool IsScalar { get; }

    /// <summary>The boxed scalar (null for a null scalar or an array).</summary>
    public object? Scalar { get; }

    /// <summary>The array, or null for a scalar that has not been expanded.</summary>
    public IArrowArray? Array => _array;

    /// <summary>The value as an array, expanding (once) a scalar to <see cref="Length"/> rows.</summary>
    /// <returns>The array.</returns>
    public IArrowArray ToArray() => _array ??= ArrowValues.BuildArray(Type, Enumerable.Repeat(Scalar, Length).ToArray());
}
