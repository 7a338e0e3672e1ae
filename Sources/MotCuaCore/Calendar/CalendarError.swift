extension CalendarError {
    static func invalidTime(_ text: String) -> CalendarError {
        CalendarError(
            code: "calendar.invalid-time",
            message: "\"\(text)\" is not a time; write HH:MM between 00:00 and 24:00, e.g. 07:30.",
            messageVi: "\"\(text)\" không phải giờ hợp lệ; hãy viết HH:MM trong khoảng 00:00–24:00, ví dụ 07:30."
        )
    }

    static func invalidRange(_ text: String) -> CalendarError {
        CalendarError(
            code: "calendar.invalid-range",
            message: "\"\(text)\" is not a time range; write HH:MM-HH:MM, e.g. 07:30-11:30.",
            messageVi: "\"\(text)\" không phải khoảng giờ hợp lệ; hãy viết HH:MM-HH:MM, ví dụ 07:30-11:30."
        )
    }

    static func rangeOrder(_ text: String) -> CalendarError {
        CalendarError(
            code: "calendar.range-order",
            message: "In \"\(text)\" the end is not after the start; put the earlier time first, e.g. 07:30-11:30.",
            messageVi: "Trong \"\(text)\" giờ kết thúc không sau giờ bắt đầu; hãy ghi giờ sớm hơn trước, ví dụ 07:30-11:30."
        )
    }

    static func overlap(_ day: Weekday, _ first: TimeRange, _ second: TimeRange) -> CalendarError {
        CalendarError(
            code: "calendar.overlap",
            message: "\(day.manifestKey): \(first) overlaps \(second); make the ranges of one day disjoint.",
            messageVi: "\(day.manifestKey): \(first) chồng lên \(second); các khoảng giờ trong một ngày không được giao nhau."
        )
    }

    static func invalidDayKey(_ key: String) -> CalendarError {
        CalendarError(
            code: "calendar.invalid-day",
            message: "\"\(key)\" is not a day or span of days; use mon, tue, wed, thu, fri, sat, sun or a span such as mon-fri.",
            messageVi: "\"\(key)\" không phải ngày hoặc dải ngày; dùng mon, tue, wed, thu, fri, sat, sun hoặc dải như mon-fri."
        )
    }

    static func duplicateDay(_ day: Weekday, _ key: String) -> CalendarError {
        CalendarError(
            code: "calendar.duplicate-day",
            message: "\(day.manifestKey) is given twice (again in \"\(key)\"); list each day once.",
            messageVi: "\(day.manifestKey) được khai báo hai lần (lần nữa trong \"\(key)\"); mỗi ngày chỉ khai báo một lần."
        )
    }

    static let noHours = CalendarError(
        code: "calendar.no-hours",
        message: "The opening hours have no day with a time range; give at least one, e.g. mon: 07:30-11:30.",
        messageVi: "Giờ làm việc không có ngày nào có khoảng giờ; hãy khai báo ít nhất một, ví dụ mon: 07:30-11:30."
    )

    static func invalidDate(_ text: String) -> CalendarError {
        CalendarError(
            code: "calendar.invalid-date",
            message: "\"\(text)\" is not a calendar date; write YYYY-MM-DD with a day that exists, e.g. 2026-02-17.",
            messageVi: "\"\(text)\" không phải ngày hợp lệ; hãy viết YYYY-MM-DD với ngày có thật, ví dụ 2026-02-17."
        )
    }

    static func invalidDeadline(_ deadline: Deadline) -> CalendarError {
        let value = deadline.value.map(String.init) ?? "none"
        return CalendarError(
            code: "calendar.invalid-deadline",
            message: "Deadline \(value) \(deadline.unit.rawValue) is invalid; \"immediate\" takes no value, other units a value of 0 or more.",
            messageVi: "Thời hạn \(value) \(deadline.unit.rawValue) không hợp lệ; \"immediate\" không có số, các đơn vị khác cần số từ 0 trở lên."
        )
    }
}
