using System.Reflection;

namespace Chalk.Definitions;

/// <summary>Finds the foreign key of every has-one and has-many relation, or says which attribute settles it.</summary>
internal static class RelationInference
{
    public static void Resolve(FeatureClassDefinition owner, Dictionary<Type, FeatureClassDefinition> byType)
    {
        foreach (var f in owner.Features)
        {
            if (f.Kind == FeatureKind.HasOne) f.ForeignKey = HasOneKey(f);
            else if (f.Kind == FeatureKind.HasMany) f.ForeignKey = HasManyKey(f);
        }
    }

    private static FeatureDefinition HasOneKey(FeatureDefinition f)
    {
        var target = f.Target!;
        if (target.PrimaryKey is null)
            throw new ChalkDefinitionException($"{f.Member}: has-one relation to {target.ClrType.Name}, which has no primary key; mark one with [Primary]");
        var explicitName = f.StoredProperty.GetCustomAttribute<HasOneAttribute>()?.ForeignKey;
        var keyProperty = explicitName ?? f.StoredProperty.Name + "Id";
        var key = f.Owner.Features.FirstOrDefault(x => x.Property?.Name == keyProperty);
        if (key is null)
            throw new ChalkDefinitionException(explicitName is null
                ? $"{f.Member}: has-one relation to {target.ClrType.Name} needs a foreign key; add a property '{keyProperty}' or [HasOne(ForeignKey = nameof(...))]"
                : $"{f.Member}: [HasOne(ForeignKey = \"{explicitName}\")] names no property of {f.Owner.ClrType.Name}");
        CheckKeyType(f, key, target.PrimaryKey);
        return key;
    }

    private static FeatureDefinition HasManyKey(FeatureDefinition f)
    {
        var child = f.Target!;
        var owner = f.Owner;
        if (owner.PrimaryKey is null)
            throw new ChalkDefinitionException($"{f.Member}: has-many relation needs {owner.ClrType.Name} to have a primary key; mark one with [Primary]");
        var explicitName = f.StoredProperty.GetCustomAttribute<HasManyAttribute>()?.ForeignKey;
        if (explicitName is not null)
        {
            var named = child.Features.FirstOrDefault(x => x.Property?.Name == explicitName)
                ?? throw new ChalkDefinitionException($"{f.Member}: [HasMany(ForeignKey = \"{explicitName}\")] names no property of {child.ClrType.Name}");
            CheckKeyType(f, named, owner.PrimaryKey);
            return named;
        }
        var candidates = child.Features
            .Where(x => x.Kind == FeatureKind.HasOne && x.Target == owner).Select(x => x.ForeignKey ?? HasOneKey(x))
            .Concat(child.Features.Where(x => x.Kind == FeatureKind.Scalar && x.Property?.Name == owner.ClrType.Name + "Id"))
            .Distinct().ToList();
        if (candidates.Count == 1)
        {
            CheckKeyType(f, candidates[0], owner.PrimaryKey);
            return candidates[0];
        }
        throw new ChalkDefinitionException(candidates.Count == 0
            ? $"{f.Member}: has-many relation to {child.ClrType.Name} needs a foreign key on {child.ClrType.Name}; add a property '{owner.ClrType.Name}Id' or [HasMany(ForeignKey = nameof({child.ClrType.Name}.…))]"
            : $"{f.Member}: has-many relation to {child.ClrType.Name} is ambiguous between {string.Join(" and ", candidates.Select(c => c.Member))}; say which with [HasMany(ForeignKey = nameof({child.ClrType.Name}.{candidates[0].StoredProperty.Name}))]");
    }

    private static void CheckKeyType(FeatureDefinition relation, FeatureDefinition key, FeatureDefinition referenced)
    {
        if (key.Kind != FeatureKind.Scalar || key.Type!.Kind != referenced.Type!.Kind)
            throw new ChalkDefinitionException(
                $"{relation.Member}: foreign key {key.Member} ({key.Type?.ToString() ?? key.Kind.ToString()}) does not match {referenced.Member} ({referenced.Type})");
    }
}
