import MotCuaCore

/// The words of the queueing pages. Each entry is `public static let`; list it in ``queueing``
/// too, which the catalogue test checks.
extension WebStrings {
    /// The kiosk's heading.
    public static let queueKioskHeading = LocalizedText(vi: "Mời chọn lĩnh vực cần giải quyết", en: "Choose the service you need")
    /// The kiosk's priority question.
    public static let queuePriorityQuestion = LocalizedText(vi: "Bạn thuộc nhóm ưu tiên?", en: "Do you belong to a priority group?")
    /// Under the kiosk's priority choice.
    public static let queuePriorityNote = LocalizedText(vi: "Cán bộ sẽ xác nhận nhóm ưu tiên tại quầy.", en: "The clerk confirms the group at the counter.")
    /// The choice of no priority group.
    public static let queueNoPriority = LocalizedText(vi: "Không thuộc nhóm ưu tiên", en: "No priority group")
    /// People waiting in a sector.
    public static let queueWaiting = LocalizedText(vi: "Đang chờ", en: "Waiting")
    /// A sector nobody waits for.
    public static let queueNoWait = LocalizedText(vi: "Không phải chờ", en: "No wait")
    /// Before an estimated wait.
    public static let queueAbout = LocalizedText(vi: "khoảng", en: "about")
    /// Before the next opening time.
    public static let queueOpensAt = LocalizedText(vi: "mở lại lúc", en: "opens at")
    /// Shown while the ticket prints.
    public static let queuePrinting = LocalizedText(vi: "Đang in phiếu, mời nhận phiếu ở khe máy.", en: "Printing your ticket; take it from the slot.")
    /// Above the issued number on the kiosk.
    public static let queueYourNumber = LocalizedText(vi: "Số thứ tự của bạn", en: "Your number")
    /// People ahead on the ticket.
    public static let queuePeopleAhead = LocalizedText(vi: "Số người đang chờ trước bạn", en: "People ahead of you")
    /// The estimated wait.
    public static let queueEstimatedWait = LocalizedText(vi: "Thời gian chờ dự kiến", en: "Estimated wait")
    /// The unit after a number of minutes.
    public static let queueMinutesUnit = LocalizedText(vi: "phút", en: "min")
    /// The priority group label.
    public static let queuePriority = LocalizedText(vi: "Nhóm ưu tiên", en: "Priority group")
    /// Beside the ticket's QR code.
    public static let queueFollowOnline = LocalizedText(vi: "Quét mã để theo dõi số thứ tự trên điện thoại", en: "Scan to follow your number on your phone")
    /// A sector whose daily cap is reached (hết số).
    public static let queueSoldOut = LocalizedText(vi: "Hết số", en: "No more tickets today")
    /// A sector after the day was closed.
    public static let queueDayClosed = LocalizedText(vi: "Đã kết thúc cấp số hôm nay", en: "Closed for today")
    /// A sector outside issuing hours.
    public static let queueNotIssuing = LocalizedText(vi: "Ngoài giờ cấp số", en: "Not issuing now")
    /// The board's heading over the current call.
    public static let queueNowCalling = LocalizedText(vi: "Mời công dân có số", en: "Now calling")
    /// The board's list of recent calls.
    public static let queueRecentCalls = LocalizedText(vi: "Số vừa gọi", en: "Recent calls")
    /// Waiting counts per sector.
    public static let queueWaitingBySector = LocalizedText(vi: "Số người chờ theo lĩnh vực", en: "Waiting by sector")
    /// A paused counter.
    public static let queuePaused = LocalizedText(vi: "Tạm dừng", en: "Paused")
    /// The board's button that allows chime and speech.
    public static let queueEnableSound = LocalizedText(vi: "Bật âm thanh", en: "Turn sound on")
    /// The board before its stream opens.
    public static let queueConnecting = LocalizedText(vi: "Đang kết nối…", en: "Connecting…")
    /// The board while its stream is open.
    /// Where the browser refused to start sound by itself but the board had it on before.
    public static let queueSoundOnTouch = LocalizedText(vi: "Âm thanh sẽ bật khi chạm vào màn hình", en: "Sound comes back on at the first touch")
    /// The banner across a board that lost its connection.
    public static let queueOfflineBanner = LocalizedText(vi: "Bảng đang mất kết nối — số hiển thị có thể chưa cập nhật. Đang kết nối lại…",
                                                         en: "The board lost its connection — the numbers may be out of date. Reconnecting…")
    public static let queueLive = LocalizedText(vi: "Đang cập nhật trực tiếp", en: "Live")
    /// The board while its stream reconnects.
    public static let queueReconnecting = LocalizedText(vi: "Mất kết nối, đang thử lại…", en: "Connection lost, retrying…")
    /// The console's current ticket panel.
    public static let queueCurrentTicket = LocalizedText(vi: "Số đang phục vụ", en: "Current ticket")
    /// The console with no current ticket.
    public static let queueNoCurrent = LocalizedText(vi: "Chưa gọi số nào. Bấm «Gọi số tiếp theo».", en: "No ticket yet. Press “Call next”.")
    /// The console of a paused counter.
    public static let queueCounterPausedNote = LocalizedText(vi: "Quầy đang tạm dừng; mở lại quầy để gọi số.", en: "The counter is paused; resume it to call.")
    /// A confirmed priority group.
    public static let queueConfirmed = LocalizedText(vi: "đã xác nhận", en: "confirmed")
    /// How many times the ticket was recalled.
    public static let queueRecalls = LocalizedText(vi: "Số lần gọi lại", en: "Recalls")
    /// When the ticket was issued.
    public static let queueIssuedAt = LocalizedText(vi: "Giờ lấy số", en: "Issued at")
    /// The console's call button.
    public static let queueCallNext = LocalizedText(vi: "Gọi số tiếp theo", en: "Call next")
    /// The console's recall button.
    public static let queueRecall = LocalizedText(vi: "Gọi lại", en: "Recall")
    /// The console's start button.
    public static let queueStart = LocalizedText(vi: "Bắt đầu phục vụ", en: "Start")
    /// The console's finish button.
    public static let queueFinish = LocalizedText(vi: "Kết thúc", en: "Finish")
    /// The console's no-show button.
    public static let queueNoShow = LocalizedText(vi: "Vắng mặt", en: "No-show")
    /// The console's priority form.
    public static let queueConfirmPriority = LocalizedText(vi: "Xác nhận nhóm ưu tiên", en: "Confirm the priority group")
    /// The confirm button.
    public static let queueConfirm = LocalizedText(vi: "Xác nhận", en: "Confirm")
    /// The console's transfer form and button.
    public static let queueTransfer = LocalizedText(vi: "Chuyển", en: "Transfer")
    /// The transfer's keep-place choice.
    public static let queueKeepPlace = LocalizedText(vi: "Giữ nguyên thứ tự (không phải xếp hàng lại)", en: "Keep their place in the queue")
    /// The console's cancel form.
    public static let queueCancel = LocalizedText(vi: "Hủy số", en: "Cancel the ticket")
    /// A reason field.
    public static let queueReason = LocalizedText(vi: "Lý do", en: "Reason")
    /// The console's pause form.
    public static let queuePause = LocalizedText(vi: "Tạm dừng quầy", en: "Pause the counter")
    /// The pause reason's placeholder.
    public static let queuePauseExample = LocalizedText(vi: "Ví dụ: nghỉ giữa ca, họp", en: "e.g. break, meeting")
    /// The console's resume button.
    public static let queueResume = LocalizedText(vi: "Mở lại quầy", en: "Resume the counter")
    /// The console's keyboard shortcuts.
    public static let queueShortcutsNote = LocalizedText(vi: "Phím tắt: N gọi số, R gọi lại, S bắt đầu, F kết thúc, V vắng mặt, T chuyển, P tạm dừng.", en: "Shortcuts: N call next, R recall, S start, F finish, V no-show, T transfer, P pause.")
    /// The console's waiting list.
    public static let queueWaitingHere = LocalizedText(vi: "Đang chờ tại quầy này", en: "Waiting for this counter")
    /// An empty waiting list.
    public static let queueNobodyWaiting = LocalizedText(vi: "Không có ai đang chờ.", en: "Nobody is waiting.")
    /// A ticket number column.
    public static let queueNumber = LocalizedText(vi: "Số", en: "Number")
    /// The counter chooser's heading.
    public static let queueChooseCounter = LocalizedText(vi: "Chọn quầy làm việc", en: "Choose your counter")
    /// The counter chooser's button.
    public static let queueOpenConsole = LocalizedText(vi: "Mở màn hình quầy", en: "Open the console")
    /// The supervisor page's title.
    public static let queueSupervisorPage = LocalizedText(vi: "Giám sát xếp hàng", en: "Queue supervision")
    /// A counter with no ticket.
    public static let queueIdle = LocalizedText(vi: "Sẵn sàng", en: "Idle")
    /// Tickets finished today.
    public static let queueServedToday = LocalizedText(vi: "Đã phục vụ hôm nay", en: "Served today")
    /// The anti-starvation count.
    public static let queuePriorityStreak = LocalizedText(vi: "Số ưu tiên liên tiếp", en: "Consecutive priority calls")
    /// Tickets issued today.
    public static let queueIssuedToday = LocalizedText(vi: "Đã cấp hôm nay", en: "Issued today")
    /// The measured average service of the tickets served today.
    public static let queueAverageService = LocalizedText(vi: "Phục vụ trung bình hôm nay", en: "Average service today")
    /// Whether the kiosk issues for a sector.
    public static let queueKiosk = LocalizedText(vi: "Máy lấy số", en: "Kiosk")
    /// A sector the kiosk issues for.
    public static let queueIssuing = LocalizedText(vi: "Đang cấp số", en: "Issuing")
    /// The close-day button.
    public static let queueCloseDay = LocalizedText(vi: "Kết thúc ngày làm việc", en: "Close the day")
    /// What closing the day does.
    public static let queueCloseDayNote = LocalizedText(vi: "Các số chưa phục vụ sẽ được đóng lại và ghi nhật ký: số đang chờ bị hủy, số đã gọi mà vắng mặt ghi vắng mặt, số đang phục vụ ghi đã xong. Máy lấy số dừng cấp số đến ngày làm việc tiếp theo.", en: "Open tickets are closed and journalled: waiting ones cancelled, called ones marked no-show, those being served marked done. The kiosk stops issuing until the next working day.")
    /// The close-day confirmation.
    public static let queueCloseDayConfirm = LocalizedText(vi: "Kết thúc hàng đợi hôm nay? Không thể hoàn tác.", en: "Close today's queue? This cannot be undone.")
    /// The follow page's title.
    public static let queueFollowPage = LocalizedText(vi: "Theo dõi số thứ tự", en: "Follow your ticket")
    /// The follow page's note.
    public static let queueFollowNote = LocalizedText(vi: "Trang tự cập nhật. Khi đến lượt, số của bạn hiện trên bảng và được đọc to.", en: "This page updates by itself. When it is your turn your number shows on the board and is called aloud.")
    /// Ticket state issued.
    public static let queueStateIssued = LocalizedText(vi: "Đang chờ", en: "Waiting")
    /// Ticket state called.
    public static let queueStateCalled = LocalizedText(vi: "Đang mời lên quầy", en: "Called to the counter")
    /// Ticket state serving.
    public static let queueStateServing = LocalizedText(vi: "Đang được phục vụ", en: "Being served")
    /// Ticket state done.
    public static let queueStateDone = LocalizedText(vi: "Đã phục vụ xong", en: "Done")
    /// Ticket state no-show.
    public static let queueStateNoShow = LocalizedText(vi: "Vắng mặt", en: "Missed (no-show)")
    /// Ticket state transferred.
    public static let queueStateTransferred = LocalizedText(vi: "Đã chuyển", en: "Transferred")
    /// Ticket state cancelled.
    public static let queueStateCancelled = LocalizedText(vi: "Đã hủy", en: "Cancelled")

    /// The kiosk's check-in heading.
    public static let queueHaveBooking = LocalizedText(vi: "Đã đặt lịch hẹn? Nhập mã lịch hẹn để lấy số", en: "Booked an appointment? Enter its code to take your number")
    /// The booking code.
    public static let queueBookingCode = LocalizedText(vi: "Mã lịch hẹn", en: "Booking code")
    /// The kiosk's check-in button.
    public static let queueCheckIn = LocalizedText(vi: "Lấy số theo lịch hẹn", en: "Check in")
    /// The booking page's title.
    public static let queueAppointmentsPage = LocalizedText(vi: "Đặt lịch hẹn", en: "Book an appointment")
    /// The booking page's note.
    public static let queueAppointmentsNote = LocalizedText(vi: "Chọn lĩnh vực, ngày và khung giờ. Đến đúng giờ hẹn, nhập mã tại máy lấy số để được gọi trước người đến sau giờ hẹn; đến muộn sẽ xếp hàng như bình thường.", en: "Choose a sector, a day and a slot. Come at your time and enter the code at the kiosk to be called before those who arrive after it; late arrivals queue as usual.")
    /// The booking page's button.
    public static let queueShowSlots = LocalizedText(vi: "Xem khung giờ", en: "Show slots")
    /// The slots heading.
    public static let queueSlots = LocalizedText(vi: "Khung giờ", en: "Slots")
    /// No slots.
    public static let queueNoSlots = LocalizedText(vi: "Không còn khung giờ nào trong ngày này.", en: "No slots left on this day.")
    /// Free places in a slot.
    public static let queueSlotFree = LocalizedText(vi: "còn", en: "free")
    /// A full slot.
    public static let queueSlotFull = LocalizedText(vi: "đã kín", en: "full")
    /// Under a new booking code.
    public static let queueBookingNote = LocalizedText(vi: "Ghi lại mã này và mang đến máy lấy số trong ngày hẹn.", en: "Write this code down and bring it to the kiosk on the day.")

    /// Every entry of this file.
    static let queueing: [LocalizedText] = [
        queueHaveBooking, queueBookingCode, queueCheckIn, queueAppointmentsPage, queueAppointmentsNote, queueShowSlots, queueSlots, queueNoSlots, queueSlotFree, queueSlotFull, queueBookingNote,
        queueNoWait, queueKioskHeading, queuePriorityQuestion, queuePriorityNote, queueNoPriority, queueWaiting, queueAbout,
        queueOpensAt, queuePrinting, queueYourNumber, queuePeopleAhead, queueEstimatedWait, queueMinutesUnit,
        queuePriority, queueFollowOnline, queueSoldOut, queueDayClosed, queueNotIssuing, queueNowCalling,
        queueRecentCalls, queueWaitingBySector, queuePaused, queueEnableSound, queueSoundOnTouch, queueOfflineBanner, queueConnecting, queueLive,
        queueReconnecting, queueCurrentTicket, queueNoCurrent, queueCounterPausedNote, queueConfirmed, queueRecalls,
        queueIssuedAt, queueCallNext, queueRecall, queueStart, queueFinish, queueNoShow,
        queueConfirmPriority, queueConfirm, queueTransfer, queueKeepPlace, queueCancel, queueReason,
        queuePause, queuePauseExample, queueResume, queueShortcutsNote, queueWaitingHere, queueNobodyWaiting,
        queueNumber, queueChooseCounter, queueOpenConsole, queueSupervisorPage, queueIdle, queueServedToday,
        queuePriorityStreak, queueIssuedToday, queueAverageService, queueKiosk, queueIssuing, queueCloseDay,
        queueCloseDayNote, queueCloseDayConfirm, queueFollowPage, queueFollowNote, queueStateIssued, queueStateCalled,
        queueStateServing, queueStateDone, queueStateNoShow, queueStateTransferred, queueStateCancelled,
    ]
}
