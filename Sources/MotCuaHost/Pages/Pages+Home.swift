import MotCuaCore

extension Pages {
    /// One screen of the centre as the home page lists it.
    private struct Card {
        var path: String
        var title: LocalizedText
        var summary: LocalizedText
        var usedBy: [LocalizedText]
        /// The plugin kind the page needs; nil for pages every deployment has.
        var needs: PluginKind?
        /// The least staff role that sees the card; nil when everyone does.
        var minimumRole: StaffRole?
    }

    private static let cards: [Card] = [
        Card(path: "/kiosk", title: WebStrings.kioskPage, summary: WebStrings.kioskSummary,
             usedBy: [DeviceKind.kiosk.title], needs: .queueing),
        Card(path: "/board", title: WebStrings.boardPage, summary: WebStrings.boardSummary,
             usedBy: [DeviceKind.board.title], needs: .queueing),
        Card(path: "/counter", title: WebStrings.consolePage, summary: WebStrings.consoleSummary,
             usedBy: [StaffRole.clerk.title], needs: .queueing),
        Card(path: "/rating", title: WebStrings.ratingPage, summary: WebStrings.ratingSummary,
             usedBy: [DeviceKind.rating.title], needs: .ratings),
        Card(path: "/lookup", title: WebStrings.lookupPage, summary: WebStrings.lookupSummary,
             usedBy: [DeviceKind.lookup.title, WebStrings.citizens], needs: .intake),
        Card(path: "/reception", title: WebStrings.intakeReceptionPage, summary: WebStrings.intakeReceptionSummary,
             usedBy: [StaffRole.clerk.title], needs: .intake, minimumRole: .clerk),
        Card(path: "/overdue", title: WebStrings.intakeOverduePage, summary: WebStrings.overdueSummary,
             usedBy: [StaffRole.clerk.title], needs: .intake, minimumRole: .clerk),
        Card(path: "/payments/cashier", title: WebStrings.payCashierPage, summary: WebStrings.cashierSummary,
             usedBy: [StaffRole.clerk.title], needs: .payments, minimumRole: .clerk),
        Card(path: "/queue/supervisor", title: WebStrings.queueSupervisorPage, summary: WebStrings.queueSupervisorSummary,
             usedBy: [StaffRole.supervisor.title], needs: .queueing, minimumRole: .supervisor),
        Card(path: "/reports", title: WebStrings.reportsPage, summary: WebStrings.reportsSummary,
             usedBy: [StaffRole.supervisor.title], needs: .reporting),
        Card(path: "/admin/staff", title: WebStrings.staffPage, summary: WebStrings.staffSummary,
             usedBy: [StaffRole.admin.title], needs: nil, minimumRole: .admin),
        Card(path: "/admin/devices", title: WebStrings.devicesPage, summary: WebStrings.devicesSummary,
             usedBy: [StaffRole.supervisor.title], needs: nil, minimumRole: .supervisor),
    ]

    /// The home page: the centre's screens as large cards, then the centre's sectors,
    /// counters and hours.
    ///
    /// - Parameters:
    ///   - devices: the paired devices, listed in a table; pass nil unless the caller is a
    ///     supervisor or administrator.
    ///   - pluginKinds: the kinds the deployment composes; a card whose page needs a missing
    ///     kind is greyed out and has no link.
    ///   - portal: the national portal sender's state, for a supervisor when the portal add-on is on.
    public static func home(context: PageContext, devices: [PairedDevice]?, pluginKinds: [PluginKind], portal: PortalSyncStatus? = nil) -> Markup {
        let kinds = Set(pluginKinds)
        let cardsHTML = cards
            .filter { card in card.minimumRole.map { role in context.staffRole.map { $0 >= role } ?? false } ?? true }
            .map { card(for: $0, enabled: $0.needs.map(kinds.contains) ?? true, context: context) }
            .joined(separator: "\n")
        var body: Markup = """
        <h1>\(context.text(context.deployment.centre.name))</h1>
        <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">\(context.text(WebStrings.pagesHeading))</h2>
        <ul class="cards">
        \(cardsHTML)
        </ul>
        </section>
        <section class="centre-facts" aria-labelledby="centre-heading">
        <h2 id="centre-heading">\(context.text(WebStrings.aboutCentre))</h2>
        <div class="facts-grid">
        \(sectorList(context))
        \(counterTable(context))
        \(hoursTable(context))
        </div>
        </section>
        """
        if let portal { body += "\n" + portalStatusCard(portal, context) }
        if let devices {
            body += """

            <section aria-labelledby="devices-heading">
            <h2 id="devices-heading">\(context.text(WebStrings.pairedDevices))</h2>
            \(deviceTable(devices, withActions: false, context: context))
            </section>
            """
        }
        return layout(title: WebStrings.home, context: context, body: body, bodyClass: "home")
    }

    private static func card(for card: Card, enabled: Bool, context: PageContext) -> Markup {
        let usedBy = card.usedBy.map { context.text($0) }.joined(separator: ", ")
        let inner: Markup = """
        <span class="card-title">\(context.text(card.title))</span>
        <span class="card-summary">\(context.text(card.summary))</span>
        <span class="card-users">\(context.text(WebStrings.usedBy)): \(usedBy)</span>
        """
        guard enabled else {
            return """
            <li class="card is-off" aria-disabled="true"><div class="card-body">
            \(inner)
            <span class="card-off">\(context.text(WebStrings.notEnabled))</span>
            </div></li>
            """
        }
        return "<li class=\"card\"><a class=\"card-body\" href=\"\(card.path)\">\n\(inner)\n</a></li>"
    }

    private static func sectorList(_ context: PageContext) -> Markup {
        let sectors = context.deployment.enabledSectors
        let list: Markup = sectors.isEmpty
            ? "<p>\(context.text(WebStrings.noneConfigured))</p>"
            : "<ul class=\"plain-list\">\n" + sectors.map { "<li>\(context.text($0.name))</li>" }.joined(separator: "\n") + "\n</ul>"
        return "<div class=\"fact\">\n<h3>\(context.text(WebStrings.sectors))</h3>\n\(list)\n</div>"
    }

    private static func counterTable(_ context: PageContext) -> Markup {
        let deployment = context.deployment
        guard !deployment.counters.isEmpty else {
            return "<div class=\"fact\">\n<h3>\(context.text(WebStrings.counters))</h3>\n<p>\(context.text(WebStrings.noneConfigured))</p>\n</div>"
        }
        let rows = deployment.counters.map { counter -> Markup in
            let sectors: [Markup] = counter.sectors.map { id in deployment.sector(id).map { context.text($0.name) } ?? HTML.escape(id) }
            return "<tr><th scope=\"row\">\(context.text(counter.name))</th><td>\(sectors.joined(separator: ", "))</td></tr>"
        }
        return """
        <div class="fact">
        <h3>\(context.text(WebStrings.counters))</h3>
        <table>
        <thead><tr><th scope="col">\(context.text(WebStrings.counter))</th><th scope="col">\(context.text(WebStrings.sector))</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        </div>
        """
    }

    private static func hoursTable(_ context: PageContext) -> Markup {
        let rows: [Markup] = Weekday.allCases.map { day in
            let ranges = context.deployment.hours.ranges(on: day)
            let hours: Markup = ranges.isEmpty
                ? "<span class=\"closed\">\(context.text(WebStrings.closed))</span>"
                : ranges.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
            return "<tr><th scope=\"row\">\(context.text(WebStrings.weekday(day)))</th><td>\(hours)</td></tr>"
        }
        return """
        <div class="fact">
        <h3>\(context.text(WebStrings.openingHours))</h3>
        <table>
        <thead><tr><th scope="col">\(context.text(WebStrings.day))</th><th scope="col">\(context.text(WebStrings.hours))</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        </div>
        """
    }

    /// The devices table shared by the home page and the devices page.
    static func deviceTable(_ devices: [PairedDevice], withActions: Bool, context: PageContext) -> Markup {
        guard !devices.isEmpty else { return "<p class=\"empty\">\(context.text(WebStrings.noDevices))</p>" }
        let rows = devices.map { device in
            let status: Markup = device.revoked
                ? "<span class=\"badge off\">\(context.text(WebStrings.deviceRevoked))</span>"
                : "<span class=\"badge on\">\(context.text(WebStrings.deviceActive))</span>"
            var row: Markup = "<tr\(device.revoked ? " class=\"is-disabled\"" : "")><td><code>\(HTML.escape(device.id))</code></td><td>\(context.text(device.kind.title))</td><td>\(HTML.escape(device.name))</td><td>\(counterName(device.counter, context))</td><td>\(status)</td>"
            if withActions {
                let button: Markup = device.revoked ? "" : """
                    <button type="button" class="button small danger" data-action="post" data-url="/api/v1/devices/\(HTML.escape(percentEncoded(device.id, keepingSlashes: false)))/revoke" data-confirm="\(context.text(WebStrings.confirmRevoke))">\(context.text(WebStrings.revoke))</button>
                    """
                row += "<td>\(button)</td>"
            }
            return row + "</tr>"
        }
        let actions: Markup = withActions ? "<th scope=\"col\">\(context.text(WebStrings.actions))</th>" : ""
        return """
        <div class="table-scroll">
        <table class="data">
        <thead><tr><th scope="col">\(context.text(WebStrings.deviceID))</th><th scope="col">\(context.text(WebStrings.deviceKind))</th><th scope="col">\(context.text(WebStrings.deviceName))</th><th scope="col">\(context.text(WebStrings.counter))</th><th scope="col">\(context.text(WebStrings.status))</th>\(actions)</tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        </div>
        """
    }
}
