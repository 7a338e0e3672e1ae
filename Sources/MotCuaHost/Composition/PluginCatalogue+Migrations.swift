import MotCuaCore
import MotCuaStore

extension PluginCatalogue {
    /// Every owner's migrations a centre's database may hold with this program: each plugin
    /// compiled in (by its id) and the host's own tables (accounts, rating codes, personal-data
    /// keys, the province roll-up). `motcua migrate` recreates a centre's tables from them on
    /// another engine; a host table added elsewhere must be listed here (a test composes a
    /// centre and checks that every owner it finds is known).
    public var knownMigrationSets: [MigrationSet] {
        descriptors.map { MigrationSet(owner: $0.id.rawValue, migrations: $0.migrations) }
            + [IdentityService.migrations, RatingCodes.migrations, PersonalDataKeys.migrations, ProvinceRollup.migrations]
    }
}
