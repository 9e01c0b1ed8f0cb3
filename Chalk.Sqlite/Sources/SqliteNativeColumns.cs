using System.Runtime.InteropServices;
using SQLitePCL;

namespace Chalk.Sql.Sources;

/// <summary>SQLite's column accessors called through function pointers into the native library SQLitePCLRaw loaded,
/// on the statement's raw handle: reading a large result, the safe-handle reference counting and marshalling stubs of
/// <see cref="raw"/> cost more than the accessors themselves (two calls per cell).</summary>
/// <remarks>
/// Used only under SQLitePCLRaw's own e_sqlite3 provider (the one Microsoft.Data.Sqlite's bundle sets), whose library
/// is resolved by the same name here and checked to be the same loaded copy, so the pointers are the functions the
/// provider calls. Under any other provider (SQLCipher, the system's sqlite3, a custom one) <see cref="Available"/> is
/// false and cells go through <see cref="raw"/>.
/// The caller holds a reference on the statement's handle while it reads (<see cref="SafeHandle.DangerousAddRef"/>).
/// </remarks>
internal static unsafe class SqliteNativeColumns
{
    private static readonly Functions? s_functions = Load();

    /// <summary>Whether the pointers were resolved: the provider is e_sqlite3 and its library exports them.</summary>
    public static bool Available => s_functions is not null;

    /// <summary><c>sqlite3_column_type</c>.</summary>
    public static int Type(nint statement, int index) => s_functions!.Type(statement, index);

    /// <summary><c>sqlite3_column_int64</c>.</summary>
    public static long Int64(nint statement, int index) => s_functions!.Int64(statement, index);

    /// <summary><c>sqlite3_column_double</c>.</summary>
    public static double Double(nint statement, int index) => s_functions!.Double(statement, index);

    /// <summary>The cell as UTF-8: <c>sqlite3_column_text</c>, then <c>sqlite3_column_bytes</c> (its length once converted);
    /// valid until the next step.</summary>
    public static ReadOnlySpan<byte> Text(nint statement, int index)
    {
        byte* text = s_functions!.Text(statement, index);
        int length = s_functions.Bytes(statement, index);
        return length == 0 || text is null ? [] : new ReadOnlySpan<byte>(text, length);
    }

    private static Functions? Load()
    {
        try
        {
            if (raw.GetNativeLibraryName() != "e_sqlite3") return null;
            if (!NativeLibrary.TryLoad("e_sqlite3", typeof(raw).Assembly, null, out var library)) return null;
            nint Export(string name) => NativeLibrary.TryGetExport(library, name, out var f) ? f : 0;
            if (!SameLibrary(Export("sqlite3_libversion"))) return null;
            var f = new Functions(Export("sqlite3_column_type"), Export("sqlite3_column_int64"), Export("sqlite3_column_double"),
                Export("sqlite3_column_text"), Export("sqlite3_column_bytes"));
            return f.Complete ? f : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
        {
            // No provider set yet, or its library is not where the runtime looks: the safe path serves.
            return null;
        }
    }

    // The library resolved here is the one the provider calls only if both hand out the same static version string:
    // another copy of e_sqlite3 (found elsewhere on the search path) would have its own, and must not be given this
    // copy's statements.
    private static bool SameLibrary(nint libversion)
    {
        if (libversion == 0) return false;
        byte* ours = ((delegate* unmanaged<byte*>)libversion)();
        fixed (byte* theirs = raw.sqlite3_libversion()) return ours == theirs;
    }

    private sealed class Functions(nint type, nint int64, nint real, nint text, nint bytes)
    {
        public bool Complete => type != 0 && int64 != 0 && real != 0 && text != 0 && bytes != 0;

        public int Type(nint s, int i) => ((delegate* unmanaged<nint, int, int>)type)(s, i);

        public long Int64(nint s, int i) => ((delegate* unmanaged<nint, int, long>)int64)(s, i);

        public double Double(nint s, int i) => ((delegate* unmanaged<nint, int, double>)real)(s, i);

        public byte* Text(nint s, int i) => ((delegate* unmanaged<nint, int, byte*>)text)(s, i);

        public int Bytes(nint s, int i) => ((delegate* unmanaged<nint, int, int>)bytes)(s, i);
    }
}
