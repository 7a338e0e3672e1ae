import MotCuaCore

/// The words of the payments pages. Each entry is `public static let`; list it in ``payments``
/// too, which the catalogue test checks.
extension WebStrings {
    /// The payment panel's title.
    public static let paymentsPage = LocalizedText(vi: "Thu phí, lệ phí", en: "Fees and payments")
    /// The note under the payment panel's title.
    public static let paymentsIntro = LocalizedText(vi: "Nhập mã hồ sơ để xem các khoản phải nộp, thu tiền mặt hoặc tạo mã VietQR chuyển khoản.", en: "Enter a dossier code to see what is due, take cash or make a VietQR transfer code.")
    /// The dossier code field and column.
    public static let payDossierCode = LocalizedText(vi: "Mã hồ sơ", en: "Dossier code")
    /// The button that looks a dossier up.
    public static let payFind = LocalizedText(vi: "Tra cứu", en: "Find")
    /// The procedure label.
    public static let payProcedure = LocalizedText(vi: "Thủ tục", en: "Procedure")
    /// The applicant label.
    public static let payApplicant = LocalizedText(vi: "Người nộp hồ sơ", en: "Applicant")
    /// The dossier channel label.
    public static let payChannel = LocalizedText(vi: "Hình thức nộp", en: "Channel")
    /// The dossier status label.
    public static let payDossierStatus = LocalizedText(vi: "Trạng thái hồ sơ", en: "Dossier status")
    /// The fee line column.
    public static let payFeeItem = LocalizedText(vi: "Khoản thu", en: "Item")
    /// The fee kind column.
    public static let payFeeKind = LocalizedText(vi: "Loại", en: "Kind")
    /// The unit price column.
    public static let payUnitPrice = LocalizedText(vi: "Đơn giá", en: "Unit price")
    /// The quantity column.
    public static let payQuantity = LocalizedText(vi: "Số lượng", en: "Quantity")
    /// The line's full price column.
    public static let payGrossAmount = LocalizedText(vi: "Thành tiền", en: "Amount")
    /// The reduction column.
    public static let payReduction = LocalizedText(vi: "Miễn, giảm", en: "Exemption")
    /// The amount to pay column.
    public static let payAmountDue = LocalizedText(vi: "Phải nộp", en: "To pay")
    /// The line status column.
    public static let payLineStatus = LocalizedText(vi: "Tình trạng", en: "Status")
    /// A paid line.
    public static let payStatusPaid = LocalizedText(vi: "Đã nộp", en: "Paid")
    /// A line waiting for a transfer.
    public static let payStatusWaiting = LocalizedText(vi: "Chờ chuyển khoản", en: "Waiting for transfer")
    /// A line still due.
    public static let payStatusDue = LocalizedText(vi: "Chưa nộp", en: "Due")
    /// A line with nothing to pay.
    public static let payStatusFree = LocalizedText(vi: "Không thu", en: "No charge")
    /// The button that re-quotes with quantities.
    public static let payRecalculate = LocalizedText(vi: "Tính lại theo số lượng", en: "Recalculate with these quantities")
    /// The quote's total.
    public static let payTotalDue = LocalizedText(vi: "Tổng phải nộp", en: "Total to pay")
    /// What standing receipts cover.
    public static let payPaidSoFar = LocalizedText(vi: "Đã thu", en: "Paid so far")
    /// What is still due.
    public static let payStillDue = LocalizedText(vi: "Còn phải nộp", en: "Still due")
    /// Before the total in Vietnamese words.
    public static let payInWords = LocalizedText(vi: "Bằng chữ", en: "In words")
    /// The payer field and label.
    public static let payPayer = LocalizedText(vi: "Người nộp tiền", en: "Payer")
    /// The hint under the payer field.
    public static let payPayerHint = LocalizedText(vi: "Để trống nếu là người nộp hồ sơ.", en: "Leave empty when the applicant pays.")
    /// The cash collection button.
    public static let payCollectCash = LocalizedText(vi: "Thu tiền mặt và lập biên lai", en: "Take cash and issue the receipt")
    /// The VietQR button.
    public static let payCollectTransfer = LocalizedText(vi: "Tạo mã VietQR để chuyển khoản", en: "Make a VietQR code for a transfer")
    /// When nothing is due.
    /// The total of lines waiting for a transfer to arrive.
    public static let payWaitingTotal = LocalizedText(vi: "Đang chờ chuyển khoản", en: "Waiting for a transfer")
    /// Instead of "nothing due" while a transfer is still to arrive.
    public static let payWaitingNote = LocalizedText(vi: "Chưa thu xong: đang chờ khoản chuyển khoản", en: "Not paid yet: waiting for a transfer of")
    /// The question before cash is taken.
    public static let payConfirmCash = LocalizedText(vi: "Xác nhận đã nhận đủ tiền mặt và lập biên lai", en: "Confirm the cash has been received in full and issue the receipt for")
    /// The clerk's link from a dossier to its fees.
    public static let payCollectFees = LocalizedText(vi: "Thu phí", en: "Collect fees")
    public static let payNothingDue = LocalizedText(vi: "Hồ sơ không còn khoản nào phải nộp.", en: "Nothing is due on this dossier.")
    /// The transfers heading.
    public static let payTransfers = LocalizedText(vi: "Chuyển khoản VietQR", en: "VietQR transfers")
    /// The bank label.
    public static let payBank = LocalizedText(vi: "Ngân hàng", en: "Bank")
    /// The account label.
    public static let payAccount = LocalizedText(vi: "Số tài khoản", en: "Account number")
    /// The account holder label.
    public static let payAccountName = LocalizedText(vi: "Chủ tài khoản", en: "Account holder")
    /// The transfer purpose label.
    public static let payPurpose = LocalizedText(vi: "Nội dung chuyển khoản", en: "Transfer content")
    /// The label of the printed QR text.
    public static let payQrPayload = LocalizedText(vi: "Chuỗi dữ liệu VietQR", en: "VietQR data")
    /// When no QR encoder is built in.
    public static let payQrUnavailable = LocalizedText(vi: "Chưa vẽ được mã QR trên máy này; hãy chuyển khoản theo thông tin bên cạnh.", en: "The QR code cannot be drawn here yet; transfer with the details beside it.")
    /// The clerk's confirm button.
    public static let payConfirmTransfer = LocalizedText(vi: "Xác nhận đã nhận tiền", en: "Confirm money received")
    /// The confirm dialog.
    public static let payConfirmTransferQuestion = LocalizedText(vi: "Xác nhận đã thấy khoản chuyển đúng số tiền trên tài khoản của trung tâm?", en: "Confirm you saw the exact amount arrive on the centre's account?")
    /// The cancel button.
    public static let payCancelTransfer = LocalizedText(vi: "Hủy yêu cầu chuyển khoản", en: "Cancel the transfer request")
    /// The reason field.
    public static let payReason = LocalizedText(vi: "Lý do", en: "Reason")
    /// The receipts heading.
    public static let payReceipts = LocalizedText(vi: "Biên lai đã lập", en: "Receipts issued")
    /// The receipt number label.
    public static let payReceiptNumber = LocalizedText(vi: "Số", en: "No.")
    /// The receipt template label.
    public static let payReceiptTemplate = LocalizedText(vi: "Mẫu số", en: "Template")
    /// The receipt series label.
    public static let payReceiptSeries = LocalizedText(vi: "Ký hiệu", en: "Series")
    /// The link to the printable receipt.
    public static let payPrintReceipt = LocalizedText(vi: "In biên lai", en: "Print receipt")
    /// The print button.
    public static let payPrint = LocalizedText(vi: "In", en: "Print")
    /// The void button.
    public static let payVoidReceipt = LocalizedText(vi: "Hủy biên lai", en: "Void receipt")
    /// A voided receipt.
    public static let payVoided = LocalizedText(vi: "Đã hủy", en: "Void")
    /// The printed receipt's title.
    public static let payReceiptTitle = LocalizedText(vi: "BIÊN LAI THU PHÍ, LỆ PHÍ", en: "RECEIPT FOR FEES AND CHARGES")
    /// The collector label.
    public static let payCollector = LocalizedText(vi: "Người thu tiền", en: "Collector")
    /// The time label.
    public static let payIssuedAt = LocalizedText(vi: "Thời gian thu", en: "Collected at")
    /// The method label.
    public static let payMethod = LocalizedText(vi: "Hình thức thanh toán", en: "Payment method")
    /// The cash method.
    public static let payMethodCash = LocalizedText(vi: "Tiền mặt", en: "Cash")
    /// The transfer method.
    public static let payMethodTransfer = LocalizedText(vi: "Chuyển khoản (VietQR)", en: "Bank transfer (VietQR)")
    /// The transfer reference label.
    public static let payTransferReference = LocalizedText(vi: "Mã yêu cầu chuyển khoản", en: "Transfer reference")
    /// The total row.
    public static let payTotal = LocalizedText(vi: "Tổng cộng", en: "Total")
    /// The stamp on a void receipt.
    public static let payVoidStamp = LocalizedText(vi: "BIÊN LAI ĐÃ HỦY", en: "RECEIPT VOID")
    /// The payer's signature box.
    public static let payPayerSignature = LocalizedText(vi: "Người nộp tiền (ký, ghi rõ họ tên)", en: "Payer (signature and full name)")
    /// The collector's signature box.
    public static let payCollectorSignature = LocalizedText(vi: "Người thu tiền (ký, ghi rõ họ tên)", en: "Collector (signature and full name)")
    /// The label of the receipt's QR text.
    public static let payReceiptCheck = LocalizedText(vi: "Mã kiểm tra biên lai", en: "Receipt check code")
    /// The reconciliation page's title.
    public static let payExceptionsPage = LocalizedText(vi: "Đối soát chuyển khoản", en: "Transfer reconciliation")
    /// The pending heading.
    public static let payPendingTransfers = LocalizedText(vi: "Khoản chuyển đang chờ", en: "Transfers pending")
    /// When none is pending.
    public static let payNoPending = LocalizedText(vi: "Không có khoản chuyển nào đang chờ.", en: "No transfer is pending.")
    /// The exception list heading.
    public static let payExceptionsList = LocalizedText(vi: "NGOẠI LỆ: thừa tiền, thiếu tiền, không khớp hồ sơ", en: "EXCEPTIONS: payOverpaid, payUnderpaid, unmatched")
    /// The note over the exception list.
    public static let payExceptionsNote = LocalizedText(vi: "Các khoản dưới đây không được ghi nhận tự động. Lãnh đạo kiểm tra, liên hệ người nộp và xử lý hoàn trả hoặc thu bổ sung.", en: "These credits were not booked automatically. A supervisor checks them, contacts the payer and refunds or collects the difference.")
    /// When the list is empty.
    public static let payNoExceptions = LocalizedText(vi: "Không có ngoại lệ.", en: "No exceptions.")
    /// The expected amount column.
    public static let payExpected = LocalizedText(vi: "Phải thu", en: "Expected")
    /// The received amount column.
    public static let payReceived = LocalizedText(vi: "Đã nhận", en: "Received")
    /// An overpayment.
    public static let payOverpaid = LocalizedText(vi: "Thừa tiền", en: "Overpaid")
    /// An underpayment.
    public static let payUnderpaid = LocalizedText(vi: "Thiếu tiền", en: "Underpaid")
    /// A credit naming no pending dossier.
    public static let payUnmatched = LocalizedText(vi: "Không khớp hồ sơ", en: "No matching dossier")
    /// The bank reference column.
    public static let payBankReference = LocalizedText(vi: "Mã giao dịch ngân hàng", en: "Bank reference")
    /// The statement description column.
    public static let payTransferContent = LocalizedText(vi: "Nội dung", en: "Content")
    /// The import heading.
    public static let payImportStatement = LocalizedText(vi: "Nhập sao kê ngân hàng", en: "Import a bank statement")
    /// The file field.
    public static let payStatementFile = LocalizedText(vi: "Tệp sao kê (CSV)", en: "Statement file (CSV)")
    /// The hint under the file field.
    public static let payStatementHint = LocalizedText(vi: "CSV mã UTF-8 với đúng các cột date,payAmount,description,reference. Tệp sai sẽ bị từ chối toàn bộ, không thay đổi dữ liệu.", en: "UTF-8 CSV with exactly the columns date,payAmount,description,reference. A bad file is refused whole and changes nothing.")
    /// The import button.
    public static let payImportButton = LocalizedText(vi: "Nhập và đối soát", en: "Import and reconcile")
    /// After an import; app.js fills the numbers.
    public static let payImportDone = LocalizedText(vi: "Đã nhập sao kê: xác nhận {confirmed}, ngoại lệ {exceptions}, đã có từ trước {already}.", en: "Statement imported: {confirmed} confirmed, {exceptions} exceptions, {already} already imported.")
    /// When there is no transfer method.
    public static let payNoTransferMethod = LocalizedText(vi: "Cấu hình này không thu qua chuyển khoản.", en: "This deployment takes no transfers.")
    /// The cashier page's title.
    public static let payCashierPage = LocalizedText(vi: "Quỹ trong ngày", en: "Cashier's day")
    /// The count of cash receipts.
    public static let payCashReceipts = LocalizedText(vi: "Số biên lai tiền mặt", en: "Cash receipts")
    /// Expected cash.
    public static let payExpectedCash = LocalizedText(vi: "Tiền mặt theo sổ", en: "Cash expected")
    /// Counted cash.
    public static let payCountedCash = LocalizedText(vi: "Tiền mặt kiểm đếm", en: "Cash counted")
    /// Counted less expected.
    public static let payDifference = LocalizedText(vi: "Chênh lệch", en: "Difference")
    /// Voids of the day.
    public static let payVoids = LocalizedText(vi: "Biên lai đã hủy", en: "Voided receipts")
    /// Confirmed transfers.
    public static let payTransferConfirmed = LocalizedText(vi: "Chuyển khoản đã xác nhận", en: "Transfers confirmed")
    /// Pending transfers.
    public static let payTransferPending = LocalizedText(vi: "Chuyển khoản đang chờ", en: "Transfers pending")
    /// The closing button.
    public static let payCloseDay = LocalizedText(vi: "Chốt quỹ và khóa sổ", en: "Close and lock the day")
    /// The closing dialog.
    public static let payCloseDayConfirm = LocalizedText(vi: "Sau khi chốt quỹ sẽ không thu thêm được trong ngày. Chốt quỹ?", en: "After closing no more can be collected today. Close the day?")
    /// The closing note field.
    public static let payClosingNote = LocalizedText(vi: "Ghi chú (bắt buộc khi có chênh lệch)", en: "Note (required when there is a difference)")
    /// The closed banner.
    public static let payDayClosed = LocalizedText(vi: "ĐÃ CHỐT QUỸ – sổ đã khóa", en: "DAY CLOSED – locked")
    /// The open banner.
    public static let payDayOpen = LocalizedText(vi: "Chưa chốt quỹ", en: "Not closed yet")
    /// Who closed.
    public static let payClosedBy = LocalizedText(vi: "Người chốt quỹ", en: "Closed by")
    /// The daily ledger link.
    public static let payLedgerDay = LocalizedText(vi: "Tải sổ thu trong ngày (CSV)", en: "Download the day's ledger (CSV)")
    /// The monthly ledger link.
    public static let payLedgerMonth = LocalizedText(vi: "Tải sổ thu trong tháng (CSV)", en: "Download the month's ledger (CSV)")
    /// When there is no cash method.
    public static let payNoCashMethod = LocalizedText(vi: "Cấu hình này không thu tiền mặt.", en: "This deployment takes no cash.")
    /// When there are no receipts.
    public static let payNoReceipts = LocalizedText(vi: "Chưa có biên lai.", en: "No receipts yet.")
    /// An amount column.
    public static let payAmount = LocalizedText(vi: "Số tiền", en: "Amount")
    /// A dossier channel or status on the payment panel.
    public static let payChannelCounter = LocalizedText(vi: "Trực tiếp tại quầy", en: "At the counter")
    /// A dossier channel or status on the payment panel.
    public static let payChannelOnline = LocalizedText(vi: "Trực tuyến", en: "Online")
    /// A dossier channel or status on the payment panel.
    public static let payChannelPostal = LocalizedText(vi: "Qua bưu chính công ích", en: "By public post")
    /// A dossier channel or status on the payment panel.
    public static let payStatusReceived = LocalizedText(vi: "Đã tiếp nhận", en: "Received")
    /// A dossier channel or status on the payment panel.
    public static let payStatusInProcess = LocalizedText(vi: "Đang giải quyết", en: "In process")
    /// A dossier channel or status on the payment panel.
    public static let payStatusSupplementRequested = LocalizedText(vi: "Yêu cầu bổ sung", en: "Supplement requested")
    /// A dossier channel or status on the payment panel.
    public static let payStatusSupplemented = LocalizedText(vi: "Đã bổ sung", en: "Supplemented")
    /// A dossier channel or status on the payment panel.
    public static let payStatusDone = LocalizedText(vi: "Đã có kết quả", en: "Done")
    /// A dossier channel or status on the payment panel.
    public static let payStatusReturned = LocalizedText(vi: "Đã trả kết quả", en: "Returned")
    /// A dossier channel or status on the payment panel.
    public static let payStatusRefused = LocalizedText(vi: "Từ chối tiếp nhận", en: "Refused")
    /// A dossier channel or status on the payment panel.
    public static let payStatusStopped = LocalizedText(vi: "Dừng giải quyết", en: "Stopped")

    /// The citizen's fee status page's title.
    public static let payStatusPage = LocalizedText(vi: "Tra cứu phí, lệ phí của hồ sơ", en: "Look up a dossier's fees")

    /// A settled exception.
    public static let payResolved = LocalizedText(vi: "Đã xử lý", en: "Settled")
    /// An exception still open.
    public static let payOpen = LocalizedText(vi: "Chưa xử lý", en: "Open")
    /// The note on how an exception was settled.
    public static let payResolution = LocalizedText(vi: "Cách xử lý (ví dụ: đã hoàn trả ngày…)", en: "How it was settled (e.g. refunded on …)")
    /// The button that marks an exception settled.
    public static let payResolve = LocalizedText(vi: "Đánh dấu đã xử lý", en: "Mark settled")

    /// Every entry of this file.
    static let payments: [LocalizedText] = [
        paymentsPage, paymentsIntro, payDossierCode, payFind, payProcedure, payApplicant,
        payChannel, payDossierStatus, payFeeItem, payFeeKind, payUnitPrice, payQuantity,
        payGrossAmount, payReduction, payAmountDue, payLineStatus, payStatusPaid, payStatusWaiting,
        payStatusDue, payStatusFree, payRecalculate, payTotalDue, payPaidSoFar, payStillDue,
        payInWords, payPayer, payPayerHint, payCollectCash, payCollectTransfer, payNothingDue, payWaitingTotal, payWaitingNote, payConfirmCash, payCollectFees,
        payTransfers, payBank, payAccount, payAccountName, payPurpose, payQrPayload,
        payQrUnavailable, payConfirmTransfer, payConfirmTransferQuestion, payCancelTransfer, payReason, payReceipts,
        payReceiptNumber, payReceiptTemplate, payReceiptSeries, payPrintReceipt, payPrint, payVoidReceipt,
        payVoided, payReceiptTitle, payCollector, payIssuedAt, payMethod, payMethodCash,
        payMethodTransfer, payTransferReference, payTotal, payVoidStamp, payPayerSignature, payCollectorSignature,
        payReceiptCheck, payExceptionsPage, payPendingTransfers, payNoPending, payExceptionsList, payExceptionsNote,
        payNoExceptions, payExpected, payReceived, payOverpaid, payUnderpaid, payUnmatched,
        payBankReference, payTransferContent, payImportStatement, payStatementFile, payStatementHint, payImportButton,
        payImportDone, payNoTransferMethod, payCashierPage, payCashReceipts, payExpectedCash, payCountedCash,
        payDifference, payVoids, payTransferConfirmed, payTransferPending, payCloseDay, payCloseDayConfirm,
        payClosingNote, payDayClosed, payDayOpen, payClosedBy, payLedgerDay, payLedgerMonth,
         payNoCashMethod, payNoReceipts, payAmount, payStatusPage, payResolved, payOpen, payResolution, payResolve,
        payChannelCounter, payChannelOnline, payChannelPostal, payStatusReceived, payStatusInProcess, payStatusSupplementRequested, payStatusSupplemented, payStatusDone, payStatusReturned, payStatusRefused, payStatusStopped,
    ]
}
