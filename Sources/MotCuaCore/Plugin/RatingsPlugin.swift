/// The ratings contract: citizens' satisfaction with a served ticket or dossier.
public protocol RatingsPlugin: Plugin {
    /// Records a rating.
    func submit(_ rating: Rating, by principal: Principal) throws -> Rating
}

extension RatingsPlugin {
    public static var kind: PluginKind { .ratings }
}
