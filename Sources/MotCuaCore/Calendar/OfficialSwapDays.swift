/// The government's per-year decisions on holiday dates and day swaps for public servants.
///
/// Labour Code 2019 art. 112(3) lets the Prime Minister fix each year which five days make
/// up Tết and which day sits next to 2 September; each year the government also swaps
/// working days so holidays join the weekend, with a make-up Saturday. These are data, not
/// rules: add a year here (or in a manifest) when its decision is published. A year
/// without data falls back to the default rules in `PublicHolidays`.
public struct OfficialSwapDays: Sendable, Hashable {
    /// One weekday off for public servants, worked back on a weekend day.
    public struct Swap: Sendable, Hashable {
        /// The working day given off.
        public var dayOff: LocalDate
        /// The weekend day worked instead.
        public var makeUp: LocalDate
        /// The occasion, e.g. "Tết Dương lịch" / "New Year's Day".
        public var occasion: LocalizedText
        /// The document that decided this swap (number and date); nil means the year's `source`.
        public var source: String?

        /// Creates a swap.
        public init(dayOff: LocalDate, makeUp: LocalDate, occasion: LocalizedText, source: String? = nil) {
            self.dayOff = dayOff
            self.makeUp = makeUp
            self.occasion = occasion
            self.source = source
        }
    }

    /// The decisions for one solar year.
    public struct Year: Sendable, Hashable {
        /// The solar year.
        public var year: Int
        /// The decision or announcement the data comes from.
        public var source: String
        /// The five Tết days when the decision differs from the default rule; nil keeps the default.
        public var tetDays: [LocalDate]?
        /// The day next to 2 September chosen that year; nil keeps the default rule.
        public var nationalDayAdjacent: LocalDate?
        /// The swaps of that year.
        public var swaps: [Swap]

        /// Creates one year's decisions.
        public init(year: Int, source: String, tetDays: [LocalDate]? = nil, nationalDayAdjacent: LocalDate? = nil, swaps: [Swap] = []) {
            self.year = year
            self.source = source
            self.tetDays = tetDays
            self.nationalDayAdjacent = nationalDayAdjacent
            self.swaps = swaps
        }
    }

    /// The decisions by solar year.
    public var years: [Int: Year]

    /// Creates a set of decisions.
    public init(_ years: [Year]) {
        self.years = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The decisions for a year, if known.
    public subscript(year: Int) -> Year? { years[year] }

    /// No decisions at all: the default rules only.
    public static let none = OfficialSwapDays([])

    /// The decisions built into MotCua, each checked against the published text or the
    /// press reports quoting it (see the comment beside each year).
    public static let builtIn = OfficialSwapDays([
        // 2024 — Tết: the Ministry of Labour's announcement of the Prime Minister's approval
        // (Nov 2023; press of 21–22 Nov 2023, document number not confirmed here): public
        // servants rest Thu 8 Feb (29 tháng Chạp) – Wed 14 Feb (mùng 5), that is five Tết days
        // Thu 8 – Mon 12 Feb and two compensation days Tue 13, Wed 14 for the weekend
        // (art. 111(3)). National Day: Mon 2 and Tue 3 Sep (the default adjacent day), no
        // swap. 30/4–1/5: công văn 2450/VPCP-KGVX (12 Apr 2024): Mon 29 Apr off, worked back
        // on Sat 4 May. New Year (Mon 1 Jan) and Hùng Kings day (Thu 18 Apr) need no decision.
        Year(
            year: 2024,
            source: "Thông báo Bộ LĐ-TB&XH (11/2023) theo ý kiến Thủ tướng (Tết, Quốc khánh)",
            tetDays: (8...12).map { LocalDate(unchecked: 2024, 2, $0) },
            nationalDayAdjacent: LocalDate(unchecked: 2024, 9, 3),
            swaps: [Swap(dayOff: LocalDate(unchecked: 2024, 4, 29), makeUp: LocalDate(unchecked: 2024, 5, 4),
                         occasion: CalendarText.reunificationAndLabour, source: "2450/VPCP-KGVX (12/4/2024)")]
        ),
        // 2025 — Văn phòng Chính phủ công văn 8726/VPCP-KGVX (26 Nov 2024) and the Ministry
        // of Labour's Thông báo 6150/TB-BLĐTBXH (2024): Tết is Mon 27 Jan – Fri 31 Jan 2025
        // (28 tháng Chạp – mùng 3), so with the weekends public servants rest 25 Jan – 2 Feb;
        // no make-up day is needed for Tết. (A make-up on Sat 8 Feb 2025 circulated in early
        // proposals; the approved plan has none.) 30/4–1/5: Fri 2 May off, worked back on
        // Sat 26 April. National Day: Sat 30 Aug – Tue 2 Sep, the adjacent day being Mon 1 Sep.
        Year(
            year: 2025,
            source: "8726/VPCP-KGVX (26/11/2024); Thông báo 6150/TB-BLĐTBXH",
            tetDays: (27...31).map { LocalDate(unchecked: 2025, 1, $0) },
            nationalDayAdjacent: LocalDate(unchecked: 2025, 9, 1),
            swaps: [Swap(dayOff: LocalDate(unchecked: 2025, 5, 2), makeUp: LocalDate(unchecked: 2025, 4, 26), occasion: CalendarText.reunificationAndLabour,
                         source: "Thông báo 6150/TB-BLĐTBXH (2024)")]
        ),
        // 2026 — New Year: công văn 12729/VPCP-KGVX (25 Dec 2025): Fri 2 Jan off, worked back
        // on Sat 10 Jan. Tết and National Day: the Prime Minister's approval of the Ministry
        // of Home Affairs' plan, conveyed by Văn phòng Chính phủ in October 2025 (press of
        // 13–17 Oct 2025; document number not confirmed here): Tết Mon 16 – Fri 20 Feb
        // (29 tháng Chạp – mùng 4, the default rule; 9 days off with the weekends, no swap);
        // National Day Sat 29 Aug – Wed 2 Sep with Tue 1 Sep as the adjacent day and
        // Mon 31 Aug swapped to Sat 22 Aug. Hùng Kings day (Sun 26 Apr) is compensated on
        // Mon 27 Apr by the general rule. Ngày Văn hóa Việt Nam (24 Nov) was chosen by the
        // Politburo (Nghị quyết 80-NQ/TW, Jan 2026) to become a paid holiday, but the Labour
        // Code amendment was still a draft in the sources found; it is not modelled here —
        // a deployment can add it as an override once it is law.
        Year(
            year: 2026,
            source: "12729/VPCP-KGVX (25/12/2025); Văn phòng Chính phủ, Oct 2025 (Tết, Quốc khánh)",
            tetDays: (16...20).map { LocalDate(unchecked: 2026, 2, $0) },
            nationalDayAdjacent: LocalDate(unchecked: 2026, 9, 1),
            swaps: [
                Swap(dayOff: LocalDate(unchecked: 2026, 1, 2), makeUp: LocalDate(unchecked: 2026, 1, 10), occasion: CalendarText.newYear,
                     source: "12729/VPCP-KGVX (25/12/2025)"),
                Swap(dayOff: LocalDate(unchecked: 2026, 8, 31), makeUp: LocalDate(unchecked: 2026, 8, 22), occasion: CalendarText.nationalDay,
                     source: "Văn phòng Chính phủ, 10/2025 (phương án Tết và Quốc khánh 2026)"),
            ]
        ),
    ])
}
