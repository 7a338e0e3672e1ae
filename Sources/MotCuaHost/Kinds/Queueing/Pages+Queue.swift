#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The queueing pages: kiosk, printed ticket, display board, counter console, supervisor
/// view and the citizen's follow page. Live parts are driven by `/assets/app.js` from
/// Server-Sent Events; every page is complete without it.
extension Pages {
    // MARK: Kiosk

    /// The kiosk: a priority choice and one large button per sector; a tap issues a ticket
    /// and prints it through the browser's print dialog (`/kiosk/ticket/<id>` in a frame).
    public static func kiosk(context: PageContext, sectors: [SectorStatus], groups: [PriorityGroup], checkIn: Bool = false) -> Markup {
        let choices: Markup = ([("", WebStrings.queueNoPriority)] + groups.map { ($0.id, $0.label) }).enumerated().map { index, choice in
            """
            <label class="priority-option"><input type="radio" name="priorityGroup" value="\(HTML.escape(choice.0))"\(index == 0 ? " checked" : "")> <span>\(context.text(choice.1))</span></label>
            """
        }.joined(separator: "\n")
        let buttons: Markup = sectors.map { status in
            let name = context.deployment.sector(status.sector).map { context.text($0.name) } ?? HTML.escape(status.sector)
            let meta: Markup
            if status.available {
                meta = status.waiting == 0
                    ? context.text(WebStrings.queueNoWait)
                    : "\(context.text(WebStrings.queueWaiting)): <strong>\(status.waiting)</strong> · \(context.text(WebStrings.queueAbout)) \(minutes(status.estimatedWaitSeconds, context))"
            } else {
                meta = "<strong>\(context.text(unavailableText(status.unavailableReason)))</strong>"
                    + (status.nextOpening.map { " · \(context.text(WebStrings.queueOpensAt)) \(dateTimeText($0, context))" } ?? "")
            }
            return """
            <button type="button" class="sector-button" data-sector="\(HTML.escape(status.sector))"\(status.available ? "" : " disabled aria-disabled=\"true\"")>
            <span class="sector-prefix">\(HTML.escape(status.prefix))</span>
            <span class="sector-name">\(name)</span>
            <span class="sector-meta">\(meta)</span>
            </button>
            """
        }.joined(separator: "\n")
        let body: Markup = """
        <section class="kiosk-screen" data-kiosk data-msg-minutes="\(context.text(WebStrings.queueMinutesUnit))">
        <h1>\(context.text(WebStrings.queueKioskHeading))</h1>
        <fieldset class="priority-choice">
        <legend>\(context.text(WebStrings.queuePriorityQuestion))</legend>
        <div class="priority-options">
        \(choices)
        </div>
        <p class="field-hint">\(context.text(WebStrings.queuePriorityNote))</p>
        </fieldset>
        <div class="sector-grid">
        \(buttons.isEmpty ? "<p class=\"empty\">\(context.text(WebStrings.noneConfigured))</p>" : buttons)
        </div>
        \(checkIn ? checkInForm(context) : "")
        <div class="kiosk-result" role="status" aria-live="assertive" hidden>
        <p class="kiosk-result-label">\(context.text(WebStrings.queueYourNumber))</p>
        <p class="kiosk-result-number" data-field="number"></p>
        <p class="kiosk-result-sector" data-field="sector"></p>
        <p class="kiosk-result-meta">\(context.text(WebStrings.queuePeopleAhead)): <strong data-field="ahead"></strong> · \(context.text(WebStrings.queueEstimatedWait)): <strong data-field="wait"></strong></p>
        <p class="kiosk-result-note">\(context.text(WebStrings.queuePrinting))</p>
        </div>
        </section>
        """
        return layout(title: WebStrings.kioskPage, context: context, body: body, bodyClass: "kiosk", showsCaller: false)
    }

    /// The kiosk's check-in: a booking code becomes a ticket.
    static func checkInForm(_ context: PageContext) -> Markup {
        """
        <form method="post" class="panel checkin-form" data-checkin>
        <h2>\(context.text(WebStrings.queueHaveBooking))</h2>
        <div class="checkin-row">
        <label class="visually-hidden" for="booking-code">\(context.text(WebStrings.queueBookingCode))</label>
        <input id="booking-code" name="code" required maxlength="12" autocomplete="off" autocapitalize="characters" placeholder="\(context.text(WebStrings.queueBookingCode))">
        <button type="submit" class="button primary">\(context.text(WebStrings.queueCheckIn))</button>
        </div>
        <p class="form-error" role="alert" hidden></p>
        </form>
        """
    }

    /// The public booking page: choose a sector and a day, then a free slot; the booking code
    /// is shown once booked.
    public static func appointments(context: PageContext, days: [LocalDate], sector: String?, day: LocalDate?, slots: [AppointmentSlot]) -> Markup {
        let sectorOptions: Markup = context.deployment.enabledSectors.map {
            "<option value=\"\(HTML.escape($0.id))\"\($0.id == sector ? " selected" : "")>\(context.text($0.name))</option>"
        }.joined()
        let dayOptions: Markup = days.map {
            "<option value=\"\($0)\"\($0 == day ? " selected" : "")>\(context.text(weekdayName($0.weekday))) \(dateText($0))</option>"
        }.joined()
        var slotsHTML: Markup = ""
        if sector != nil {
            let forms: Markup = slots.map { slot in
                let free = max(0, slot.capacity - slot.booked)
                return """
                <form method="post" class="slot-form" data-api="/api/v1/appointments">
                <input type="hidden" name="sector" value="\(HTML.escape(slot.sector))">
                <input type="hidden" name="day" value="\(HTML.escape(slot.day))">
                <input type="hidden" name="start" value="\(HTML.escape(slot.start))">
                <button type="submit" class="button slot-button"\(free == 0 ? " disabled" : "")>\(HTML.escape(slot.start))–\(HTML.escape(slot.end)) <span class="slot-free">\(free == 0 ? context.text(WebStrings.queueSlotFull) : "\(context.text(WebStrings.queueSlotFree)): \(free)")</span></button>
                <p class="form-error" role="alert" hidden></p>
                \(resultBox(label: WebStrings.queueBookingCode, note: WebStrings.queueBookingNote, context: context))
                </form>
                """
            }.joined(separator: "\n")
            slotsHTML = """
            <section aria-labelledby="slots-heading">
            <h2 id="slots-heading">\(context.text(WebStrings.queueSlots))</h2>
            \(slots.isEmpty ? "<p class=\"empty\">\(context.text(WebStrings.queueNoSlots))</p>" : "<div class=\"slot-grid\">\(forms)</div>")
            </section>
            """
        }
        let body: Markup = """
        <h1>\(context.text(WebStrings.queueAppointmentsPage))</h1>
        <p class="note">\(context.text(WebStrings.queueAppointmentsNote))</p>
        <form class="panel" method="get" action="/appointments">
        \(field(id: "a-sector", label: WebStrings.sector, control: "<select id=\"a-sector\" name=\"sector\" required>\(sectorOptions)</select>", context: context))
        \(field(id: "a-day", label: WebStrings.day, control: "<select id=\"a-day\" name=\"day\" required>\(dayOptions)</select>", context: context))
        <button type="submit" class="button primary">\(context.text(WebStrings.queueShowSlots))</button>
        </form>
        \(slotsHTML)
        """
        return layout(title: WebStrings.queueAppointmentsPage, context: context, body: body)
    }

    static func weekdayName(_ weekday: Weekday) -> LocalizedText {
        switch weekday {
        case .mon: WebStrings.monday
        case .tue: WebStrings.tuesday
        case .wed: WebStrings.wednesday
        case .thu: WebStrings.thursday
        case .fri: WebStrings.friday
        case .sat: WebStrings.saturday
        case .sun: WebStrings.sunday
        }
    }

    /// The printed ticket, alone on its page, sized for the deployment's paper; it opens the
    /// print dialog by itself (`data-autoprint`).
    public static func printedTicket(context: PageContext, ticket: Ticket, groups: [PriorityGroup], display: QueueDisplay,
                                     followURL: String, autoPrint: Bool) -> Markup {
        let sector = context.deployment.sector(ticket.sector).map { context.text($0.name) } ?? HTML.escape(ticket.sector)
        let header = display.ticketHeader.map { context.text($0) } ?? context.text(context.deployment.centre.name)
        let group: Markup = ticket.priorityGroup.flatMap { id in groups.first { $0.id == id } }.map {
            "<p class=\"slip-priority\">\(context.text(WebStrings.queuePriority)): \(context.text($0.label))</p>"
        } ?? ""
        let estimate: Markup = display.showsEstimate && ticket.state == .issued ? """
            <p class="slip-meta">\(context.text(WebStrings.queuePeopleAhead)): <strong>\(ticket.ahead ?? 0)</strong></p>
            <p class="slip-meta">\(context.text(WebStrings.queueEstimatedWait)): <strong>\(minutes(ticket.estimatedWaitSeconds ?? 0, context))</strong></p>
            """ : ""
        let qr: Markup = display.showsQRCode ? """
            <div class="slip-qr">\(qrSVG(followURL, moduleSize: 3) ?? "")
            <p class="slip-follow">\(context.text(WebStrings.queueFollowOnline))<br><span class="slip-url">\(HTML.escape(followURL))</span></p>
            </div>
            """ : ""
        let footer: Markup = display.ticketFooter.map { "<p class=\"slip-footer\">\(context.text($0))</p>" } ?? ""
        // The slip's paper is a named @page in queueing.css (the CSP allows no inline style).
        let paper = switch display.paperWidth {
        case "58mm": "58mm"
        case "A6": "a6"
        case "A5": "a5"
        default: "80mm"
        }
        return """
        <!doctype html>
        <html lang="\(context.language.rawValue)"\(baseAttribute(context))>
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(ticket.number)) · \(context.text(context.deployment.centre.name))</title>
        <link rel="stylesheet" href="/assets/app.css">
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        <script src="/assets/app.js" defer></script>
        </head>
        <body class="ticket-print paper-\(paper)"\(autoPrint ? " data-autoprint" : "")>
        <main class="slip">
        <p class="slip-header">\(header)</p>
        <p class="slip-sector">\(sector)</p>
        <p class="slip-number">\(HTML.escape(ticket.number))</p>
        \(group)
        <p class="slip-time">\(dateTimeText(ticket.issuedAt, context))</p>
        \(estimate)
        \(qr)
        \(footer)
        </main>
        </body>
        </html>

        """
    }

    // MARK: Board

    /// The display board: the call now being made, each counter's number, the latest calls
    /// and the waiting count per sector; live over SSE, with chime and Vietnamese speech.
    public static func board(context: PageContext, snapshot: QueueSnapshot, display: QueueDisplay) -> Markup {
        // The board names a counter by its label ("Quầy 1"), where a citizen walks to; the words
        // after it (its sectors) stand small under the label in the grid, so nothing is cut.
        let counterNames = JSONValue.object(JSONObject(context.deployment.counters.map { ($0.id, JSONValue.string(boardLabel($0.name.text(context.language)).label)) }))
        let spokenNames = JSONValue.object(JSONObject(context.deployment.counters.map { ($0.id, JSONValue.string($0.name.vi)) }))
        let sectorNames = JSONValue.object(JSONObject(context.deployment.enabledSectors.map { ($0.id, JSONValue.string($0.name.text(context.language))) }))
        let latest = snapshot.recentCalls.first
        // More than six counters fit one screen only by their short names ("Quầy 12"), in more columns.
        let many = snapshot.counters.count > 6
        let label = { (id: String?) -> String in
            guard let id else { return "" }
            return context.deployment.counter(id).map { boardLabel($0.name.text(context.language)).label } ?? id
        }
        let counters = snapshot.counters.map { state -> Markup in
            let number = state.current.map { HTML.escape($0.number) } ?? "—"
            let parts = context.deployment.counter(state.counter).map { boardLabel($0.name.text(context.language)) } ?? (label: state.counter, detail: "")
            let detail: Markup = parts.detail.isEmpty ? "" : "<span class=\"board-counter-detail\">\(parts.detail)</span>"
            let name: Markup = many ? "\(context.text(WebStrings.counter)) \(HTML.escape(state.counter))" : "\(parts.label)\(detail)"
            return """
            <li class="board-counter\(state.paused ? " is-paused" : "")" data-counter="\(HTML.escape(state.counter))" title="\(counterName(state.counter, context))"><span class="board-counter-name">\(name)</span> <span class="board-counter-number">\(state.paused ? context.text(WebStrings.queuePaused) : number)</span></li>
            """
        }.joined(separator: "\n")
        let recent: Markup = snapshot.recentCalls.map { ticket in
            "<li><span class=\"recent-number\">\(HTML.escape(ticket.number))</span> <span class=\"recent-arrow\" aria-hidden=\"true\">→</span> <span class=\"recent-counter\">\(label(ticket.counter))</span></li>"
        }.joined(separator: "\n")
        let waiting = snapshot.sectors.map { status -> Markup in
            let name: Markup = context.deployment.sector(status.sector).map { context.text($0.name) } ?? HTML.escape(status.sector)
            return "<li data-sector=\"\(HTML.escape(status.sector))\"><span class=\"waiting-name\">\(name)</span> <span class=\"waiting-count\">\(status.waiting)</span></li>"
        }.joined(separator: "\n")
        let body: Markup = """
        <section class="board-screen" data-board data-voice="\(display.voice)" data-recent="\(display.boardRecentCalls)"
          data-announcement="\(HTML.escape(display.announcement.vi))" data-counter-names="\(HTML.escape(counterNames.serialized()))"
          data-spoken-names="\(HTML.escape(spokenNames.serialized()))" data-sector-names="\(HTML.escape(sectorNames.serialized()))"
          data-msg-paused="\(context.text(WebStrings.queuePaused))" data-msg-live="\(context.text(WebStrings.queueLive))" data-msg-offline="\(context.text(WebStrings.queueReconnecting))">
        <div class="board-now" aria-live="assertive">
        <p class="board-label">\(context.text(WebStrings.queueNowCalling))</p>
        <p class="board-now-number" data-now-number>\(latest.map { HTML.escape($0.number) } ?? "—")</p>
        <p class="board-now-counter" data-now-counter>\(latest.map { label($0.counter) } ?? "")</p>
        </div>
        <div class="board-side">
        <h2>\(context.text(WebStrings.queueRecentCalls))</h2>
        <ol class="board-recent" data-recent-list>
        \(recent)
        </ol>
        </div>
        <div class="board-grid">
        <h2>\(context.text(WebStrings.counters))</h2>
        <ul class="board-counters\(many ? " many" : "")">
        \(counters)
        </ul>
        </div>
        <div class="board-waiting">
        <h2>\(context.text(WebStrings.queueWaitingBySector))</h2>
        <ul\(snapshot.sectors.count > 10 ? " class=\"many\"" : "")>
        \(waiting)
        </ul>
        </div>
        <p class="board-offline-banner" role="alert">\(context.text(WebStrings.queueOfflineBanner))</p>
        <p class="board-footer"><button type="button" class="button small" data-board-sound>\(context.text(WebStrings.queueEnableSound))</button> <span class="board-sound-note" data-board-sound-note hidden>\(context.text(WebStrings.queueSoundOnTouch))</span> <span class="board-status" data-board-status>\(context.text(WebStrings.queueConnecting))</span></p>
        </section>
        """
        return layout(title: WebStrings.boardPage, context: context, body: body, bodyClass: "board", showsCaller: false)
    }

    /// A counter's name split for the board: the label before a dash ("Quầy 1") and the words
    /// after it ("Hộ tịch, Chứng thực"); a name without a dash is all label.
    static func boardLabel(_ name: String) -> (label: String, detail: String) {
        for separator in [" – ", " — ", " - "] {
            if let range = name.firstRange(of: separator) {
                let label = name[..<range.lowerBound].trimmed()
                let detail = name[range.upperBound...].trimmed()
                if !label.isEmpty { return (label, detail) }
            }
        }
        return (name, "")
    }

    // MARK: Counter console

    /// The clerk's console at one counter: the current ticket and every action on it, with
    /// keyboard shortcuts, and the tickets waiting for the counter's sectors.
    public static func counterConsole(context: PageContext, counter: Counter, state: CounterState, waiting: [Ticket],
                                      groups: [PriorityGroup], recallLimit: Int) -> Markup {
        let current = state.current
        let sectorNames = counter.sectors.compactMap { context.deployment.sector($0) }.map { $0.name.text(context.language) }
        // Counter names often list their sectors already ("Quầy 1 – Hộ tịch"); say them once.
        let counterName = counter.name.text(context.language)
        let sectors = sectorNames.allSatisfy(counterName.contains) ? "" : HTML.escape(sectorNames.joined(separator: ", "))
        let currentHTML: Markup
        if let ticket = current {
            let group = ticket.priorityGroup.flatMap { id in groups.first { $0.id == id } }.map { context.text($0.label) } ?? context.text(WebStrings.queueNoPriority)
            let confirmed: Markup = ticket.priorityConfirmed ? " <span class=\"badge on\">\(context.text(WebStrings.queueConfirmed))</span>" : ""
            currentHTML = """
            <p class="console-number">\(HTML.escape(ticket.number))</p>
            <dl class="console-facts">
            <dt>\(context.text(WebStrings.sector))</dt><dd>\(context.deployment.sector(ticket.sector).map { context.text($0.name) } ?? HTML.escape(ticket.sector))</dd>
            <dt>\(context.text(WebStrings.status))</dt><dd><span class="badge state-\(ticket.state.rawValue)">\(context.text(stateText(ticket.state)))</span></dd>
            <dt>\(context.text(WebStrings.queuePriority))</dt><dd>\(group)\(confirmed)</dd>
            <dt>\(context.text(WebStrings.queueRecalls))</dt><dd>\(ticket.recalls) / \(recallLimit)</dd>
            <dt>\(context.text(WebStrings.queueIssuedAt))</dt><dd>\(dateTimeText(ticket.issuedAt, context))</dd>
            </dl>
            """
        } else {
            currentHTML = "<p class=\"empty\">\(context.text(state.paused ? WebStrings.queueCounterPausedNote : WebStrings.queueNoCurrent))</p>"
        }
        let ticketID = current.map { HTML.escape($0.id) } ?? ""
        let isCalled = current?.state == .called
        let isServing = current?.state == .serving
        func button(_ label: LocalizedText, action: String, key: String, enabled: Bool, style: String = "") -> Markup {
            """
            <button type="button" class="button console-button \(style)" data-queue-action="\(action)" data-key="\(key)"\(enabled ? "" : " disabled")><span>\(context.text(label))</span> <kbd>\(key.uppercased())</kbd></button>
            """
        }
        let idle = current == nil && !state.paused
        let buttons = [
            button(WebStrings.queueCallNext, action: "call-next", key: "n", enabled: idle, style: "primary"),
            button(WebStrings.queueRecall, action: "recall", key: "r", enabled: isCalled),
            button(WebStrings.queueStart, action: "start", key: "s", enabled: isCalled),
            button(WebStrings.queueFinish, action: "finish", key: "f", enabled: isServing, style: "primary"),
            button(WebStrings.queueNoShow, action: "noShow", key: "v", enabled: isCalled, style: "danger"),
        ].joined(separator: "\n")
        let groupOptions: Markup = ([("", WebStrings.queueNoPriority)] + groups.map { ($0.id, $0.label) }).map { id, label in
            "<option value=\"\(HTML.escape(id))\"\(current?.priorityGroup ?? "" == id ? " selected" : "")>\(context.text(label))</option>"
        }.joined()
        let sectorOptions: Markup = "<option value=\"\">—</option>" + context.deployment.enabledSectors.map {
            "<option value=\"\(HTML.escape($0.id))\">\(context.text($0.name))</option>"
        }.joined()
        let counterOptions: Markup = "<option value=\"\">—</option>" + context.deployment.counters.filter { $0.id != counter.id }.map {
            "<option value=\"\(HTML.escape($0.id))\">\(context.text($0.name))</option>"
        }.joined()
        let forms: Markup = current == nil ? "" : """
            <div class="console-forms">
            <form method="post" class="panel console-form" data-queue-form="confirmPriority">
            <h2>\(context.text(WebStrings.queueConfirmPriority))</h2>
            \(field(id: "q-group", label: WebStrings.queuePriority, control: "<select id=\"q-group\" name=\"priorityGroup\">\(groupOptions)</select>", context: context))
            <p class="form-error" role="alert" hidden></p>
            <button type="submit" class="button">\(context.text(WebStrings.queueConfirm))</button>
            </form>
            <form method="post" class="panel console-form" data-queue-form="transfer">
            <h2>\(context.text(WebStrings.queueTransfer)) <kbd>T</kbd></h2>
            \(field(id: "q-sector", label: WebStrings.sector, control: "<select id=\"q-sector\" name=\"sector\" data-key-focus=\"t\">\(sectorOptions)</select>", context: context))
            \(field(id: "q-counter", label: WebStrings.counter, control: "<select id=\"q-counter\" name=\"counter\">\(counterOptions)</select>", context: context))
            <label class="check"><input type="checkbox" name="keepPlace" value="true" checked> \(context.text(WebStrings.queueKeepPlace))</label>
            <p class="form-error" role="alert" hidden></p>
            <button type="submit" class="button">\(context.text(WebStrings.queueTransfer))</button>
            </form>
            <form method="post" class="panel console-form" data-queue-form="cancel">
            <h2>\(context.text(WebStrings.queueCancel))</h2>
            \(field(id: "q-reason", label: WebStrings.queueReason, control: "<input id=\"q-reason\" name=\"reason\" required maxlength=\"500\">", context: context))
            <p class="form-error" role="alert" hidden></p>
            <button type="submit" class="button danger">\(context.text(WebStrings.queueCancel))</button>
            </form>
            </div>
            """
        let pause: Markup = state.paused ? """
            <form method="post" class="panel console-form" data-queue-form="resume">
            <h2>\(context.text(WebStrings.queuePaused))</h2>
            <p>\(context.text(WebStrings.queueReason)): \(HTML.escape(state.pauseReason ?? ""))</p>
            <p class="form-error" role="alert" hidden></p>
            <button type="submit" class="button primary">\(context.text(WebStrings.queueResume))</button>
            </form>
            """ : current != nil ? "" : """
            <form method="post" class="panel console-form" data-queue-form="pause">
            <h2>\(context.text(WebStrings.queuePause)) <kbd>P</kbd></h2>
            \(field(id: "q-pause", label: WebStrings.queueReason, control: "<input id=\"q-pause\" name=\"reason\" required maxlength=\"200\" data-key-focus=\"p\" placeholder=\"\(context.text(WebStrings.queuePauseExample))\">", context: context))
            <p class="form-error" role="alert" hidden></p>
            <button type="submit" class="button">\(context.text(WebStrings.queuePause))</button>
            </form>
            """
        let rows = waiting.map { ticket -> Markup in
            let group = ticket.priorityGroup.flatMap { id in groups.first { $0.id == id } }.map { context.text($0.label) } ?? ""
            let sector: Markup = context.deployment.sector(ticket.sector).map { context.text($0.name) } ?? HTML.escape(ticket.sector)
            return "<tr><td><strong>\(HTML.escape(ticket.number))</strong></td><td>\(sector)</td><td>\(group)</td><td>\(dateTimeText(ticket.issuedAt, context))</td></tr>"
        }.joined(separator: "\n")
        let body: Markup = """
        <section class="console" data-console data-counter="\(HTML.escape(counter.id))" data-ticket="\(ticketID)" data-sectors="\(HTML.escape(counter.sectors.joined(separator: " ")))">
        <h1>\(context.text(counter.name)) <span class="console-sectors">\(sectors)</span></h1>
        <p class="form-error page-error" role="alert" hidden></p>
        <div class="console-top">
        <div class="panel console-current" aria-live="polite">
        <h2>\(context.text(WebStrings.queueCurrentTicket))</h2>
        \(currentHTML)
        </div>
        <div class="console-actions">
        \(buttons)
        <p class="field-hint">\(context.text(WebStrings.queueShortcutsNote))</p>
        </div>
        </div>
        \(forms)
        \(pause)
        <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">\(context.text(WebStrings.queueWaitingHere)) (<span data-waiting-total>\(waiting.count)</span>)</h2>
        \(waiting.isEmpty ? "<p class=\"empty\">\(context.text(WebStrings.queueNobodyWaiting))</p>" : """
        <div class="table-scroll"><table class="data">
        <thead><tr><th scope="col">\(context.text(WebStrings.queueNumber))</th><th scope="col">\(context.text(WebStrings.sector))</th><th scope="col">\(context.text(WebStrings.queuePriority))</th><th scope="col">\(context.text(WebStrings.queueIssuedAt))</th></tr></thead>
        <tbody>
        \(rows)
        </tbody></table></div>
        """)
        </section>
        </section>
        """
        return layout(title: WebStrings.consolePage, context: context, body: body, bodyClass: "console-page")
    }

    /// Asks a clerk whose account has no counter which counter they sit at.
    public static func counterChooser(context: PageContext) -> Markup {
        let options: Markup = context.deployment.counters.map { "<option value=\"\(HTML.escape($0.id))\">\(context.text($0.name))</option>" }.joined()
        let body: Markup = """
        <section class="panel narrow">
        <h1>\(context.text(WebStrings.queueChooseCounter))</h1>
        <form method="get" action="/counter">
        \(field(id: "counter", label: WebStrings.counter, control: "<select id=\"counter\" name=\"counter\" required>\(options)</select>", context: context))
        <button type="submit" class="button primary">\(context.text(WebStrings.queueOpenConsole))</button>
        </form>
        </section>
        """
        return layout(title: WebStrings.consolePage, context: context, body: body)
    }

    // MARK: Supervisor

    /// The supervisor's view: each counter's state, the queue per sector and today's
    /// figures, and the end-of-day closing.
    public static func queueSupervisor(context: PageContext, snapshot: QueueSnapshot) -> Markup {
        let counters: Markup = snapshot.counters.map { state in
            let status: Markup = state.paused
                ? "<span class=\"badge off\">\(context.text(WebStrings.queuePaused))</span> \(HTML.escape(state.pauseReason ?? ""))"
                : state.current.map { "<span class=\"badge state-\($0.state.rawValue)\">\(context.text(stateText($0.state)))</span> <strong>\(HTML.escape($0.number))</strong>" }
                ?? "<span class=\"badge on\">\(context.text(WebStrings.queueIdle))</span>"
            return "<tr><td>\(counterName(state.counter, context))</td><td>\(status)</td><td>\(state.servedToday)</td><td>\(state.priorityStreak)</td></tr>"
        }.joined(separator: "\n")
        let sectors: Markup = snapshot.sectors.map { status in
            let name = context.deployment.sector(status.sector).map { context.text($0.name) } ?? HTML.escape(status.sector)
            let availability: Markup = status.available
                ? "<span class=\"badge on\">\(context.text(WebStrings.queueIssuing))</span>"
                : "<span class=\"badge off\">\(context.text(unavailableText(status.unavailableReason)))</span>"
            return "<tr><td><code>\(HTML.escape(status.prefix))</code> \(name)</td><td>\(status.waiting)</td><td>\(status.issuedToday)\(status.dailyCap.map { " / \($0)" } ?? "")</td><td>\(status.servedToday)</td><td>\(status.servedTodayAverageSeconds.map { durationText(seconds: $0, context.language) } ?? "—")</td><td>\(minutes(status.estimatedWaitSeconds, context))</td><td>\(availability)</td></tr>"
        }.joined(separator: "\n")
        let body: Markup = """
        <section data-live-reload>
        <h1>\(context.text(WebStrings.queueSupervisorPage)) <span class="console-sectors">\(snapshot.day.flatMap(LocalDate.init(iso:)).map(dateText) ?? "")</span></h1>
        <h2>\(context.text(WebStrings.counters))</h2>
        <div class="table-scroll"><table class="data">
        <thead><tr><th scope="col">\(context.text(WebStrings.counter))</th><th scope="col">\(context.text(WebStrings.status))</th><th scope="col">\(context.text(WebStrings.queueServedToday))</th><th scope="col">\(context.text(WebStrings.queuePriorityStreak))</th></tr></thead>
        <tbody>
        \(counters)
        </tbody></table></div>
        <h2>\(context.text(WebStrings.queueWaitingBySector))</h2>
        <div class="table-scroll"><table class="data">
        <thead><tr><th scope="col">\(context.text(WebStrings.sector))</th><th scope="col">\(context.text(WebStrings.queueWaiting))</th><th scope="col">\(context.text(WebStrings.queueIssuedToday))</th><th scope="col">\(context.text(WebStrings.queueServedToday))</th><th scope="col">\(context.text(WebStrings.queueAverageService))</th><th scope="col">\(context.text(WebStrings.queueEstimatedWait))</th><th scope="col">\(context.text(WebStrings.queueKiosk))</th></tr></thead>
        <tbody>
        \(sectors)
        </tbody></table></div>
        </section>
        <section class="panel">
        <h2>\(context.text(WebStrings.queueCloseDay))</h2>
        <p>\(context.text(WebStrings.queueCloseDayNote))</p>
        <button type="button" class="button danger" data-action="post" data-url="/api/v1/queue/close-day" data-confirm="\(context.text(WebStrings.queueCloseDayConfirm))">\(context.text(WebStrings.queueCloseDay))</button>
        </section>
        """
        return layout(title: WebStrings.queueSupervisorPage, context: context, body: body, bodyClass: "admin")
    }

    // MARK: Citizen

    /// The public follow page of one ticket, opened from its QR code: state, people ahead,
    /// estimated wait, and the counter once called; live over SSE.
    public static func ticketFollow(context: PageContext, ticket: Ticket) -> Markup {
        let sector = context.deployment.sector(ticket.sector).map { context.text($0.name) } ?? HTML.escape(ticket.sector)
        let counter = ticket.counter.map { counterName($0, context) } ?? ""
        let body: Markup = """
        <section class="panel narrow follow" data-follow="\(HTML.escape(ticket.id))"
          data-counter-names="\(HTML.escape(JSONValue.object(JSONObject(context.deployment.counters.map { ($0.id, JSONValue.string($0.name.text(context.language))) })).serialized()))"
          data-states="\(HTML.escape(JSONValue.object(JSONObject(Ticket.State.allCases.map { ($0.rawValue, JSONValue.string(stateText($0).text(context.language))) })).serialized()))"
          data-msg-minutes="\(context.text(WebStrings.queueMinutesUnit))">
        <p class="eyebrow">\(sector)</p>
        <p class="follow-number">\(HTML.escape(ticket.number))</p>
        <dl class="console-facts">
        <dt>\(context.text(WebStrings.status))</dt><dd data-field="state">\(context.text(stateText(ticket.state)))</dd>
        <dt>\(context.text(WebStrings.queuePeopleAhead))</dt><dd data-field="ahead">\(ticket.ahead.map(String.init) ?? "—")</dd>
        <dt>\(context.text(WebStrings.queueEstimatedWait))</dt><dd data-field="wait">\(ticket.estimatedWaitSeconds.map { minutes($0, context) } ?? "—")</dd>
        <dt>\(context.text(WebStrings.counter))</dt><dd data-field="counter">\(counter.isEmpty ? "—" : counter)</dd>
        <dt>\(context.text(WebStrings.queueIssuedAt))</dt><dd>\(dateTimeText(ticket.issuedAt, context))</dd>
        </dl>
        <p class="note">\(context.text(WebStrings.queueFollowNote))</p>
        </section>
        """
        return layout(title: WebStrings.queueFollowPage, context: context, body: body, bodyClass: "follow-page")
    }

    // MARK: Pieces

    /// A wait in whole minutes, "0 phút" when none.
    static func minutes(_ seconds: Int, _ context: PageContext) -> Markup {
        "\(max(0, Int((Double(seconds) / 60).rounded(.up)))) \(context.text(WebStrings.queueMinutesUnit))"
    }

    static func stateText(_ state: Ticket.State) -> LocalizedText {
        switch state {
        case .issued: WebStrings.queueStateIssued
        case .called: WebStrings.queueStateCalled
        case .serving: WebStrings.queueStateServing
        case .done: WebStrings.queueStateDone
        case .noShow: WebStrings.queueStateNoShow
        case .transferred: WebStrings.queueStateTransferred
        case .cancelled: WebStrings.queueStateCancelled
        }
    }

    static func unavailableText(_ reason: String?) -> LocalizedText {
        switch reason {
        case "sold-out": WebStrings.queueSoldOut
        case "day-closed": WebStrings.queueDayClosed
        default: WebStrings.queueNotIssuing
        }
    }
}
