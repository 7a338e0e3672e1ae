/// The ratings contract: citizens' satisfaction with a served ticket or dossier.
public protocol RatingsPlugin: Plugin {
    /// Records a rating.
    ///
    /// Refuses an unknown ticket or dossier (404), one not yet served (409), a second
    /// rating of the same service (409), a level outside the scale, and a low level
    /// without a reason. Returns the rating with counter, clerk, sector and scale filled in.
    func submit(_ rating: Rating, by principal: Principal) throws -> Rating

    /// The deployment's scale, reasons and tablet timeout.
    var scale: RatingScale { get }

    /// What the tablet at `counter` should ask about now, or nil when nothing is waiting.
    func pending(counter: String) throws -> RatingTarget?

    /// The rating already given for `subject`, if any.
    func rating(of subject: Rating.Subject) throws -> Rating?

    /// Ratings per level by clerk, counter, sector, day or month over a period.
    func summary(period: ReportPeriod, by dimension: RatingSummary.Dimension) throws -> RatingSummary
}

extension RatingsPlugin {
    public static var kind: PluginKind { .ratings }
}
