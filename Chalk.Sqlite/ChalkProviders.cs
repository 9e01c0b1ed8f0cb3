// The package's providers, found by SqlSourceProviders and OnlineStoreProviders when a chalk.json names "sqlite".
[assembly: Chalk.ChalkProvider(typeof(Chalk.Sql.Sources.SqliteSourceProvider))]
[assembly: Chalk.ChalkProvider(typeof(Chalk.Store.SqliteOnlineStoreProvider))]
