#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A centre's own ids in the portal's codes: the sector and procedure codes where the
/// portal's differ (the portal add-on's `sectorCodes` and `procedureCodes`), and the portal's
/// code of each dossier imported from it.
///
/// The sender and every export read the same value, so a code corrected in the manifest is
/// corrected everywhere; without the add-on it is the identity (`PortalCodes()`).
public struct PortalCodes: Sendable, Hashable {
    /// The portal's sector code of a sector id, where they differ.
    public var sectors: [String: String]
    /// The portal's procedure code of a local procedure code, where they differ.
    public var procedures: [String: String]
    /// The portal's dossier code of an imported dossier, by MotCua's code.
    public var dossiers: [String: String]

    /// Creates the codes; empty tables leave every id as it is.
    public init(sectors: [String: String] = [:], procedures: [String: String] = [:], dossiers: [String: String] = [:]) {
        self.sectors = sectors
        self.procedures = procedures
        self.dossiers = dossiers
    }

    /// `MaLinhVuc` of a sector id.
    public func sector(_ id: String) -> String { sectors[id] ?? id }
    /// `MaTTHC` of a local procedure code.
    public func procedure(_ code: String) -> String { procedures[code] ?? code }
    /// `MaHoSo` of a MotCua dossier: the portal's own code when it was imported from there.
    public func dossier(_ code: String) -> String { dossiers[code] ?? code }
    /// The local procedure code of the portal's `MaTTHC` (``procedures`` read backwards).
    public func localProcedure(portal code: String) -> String {
        procedures.first { $0.value == code }?.key ?? code
    }

    /// The portal's code of a report row's key (a channel or status id, a sector id, a
    /// procedure code); empty for a key the portal has no code for.
    public func code(_ dimension: PortalMapping.Dimension, _ id: String) -> String {
        switch dimension {
        case .channel: Dossier.Channel(rawValue: id).flatMap { PortalMapping.channelCodes[$0] } ?? ""
        case .status: Dossier.Status(rawValue: id).flatMap { PortalMapping.statusCodes[$0] } ?? ""
        case .sector: id.isEmpty || id == "-" ? "" : sector(id)
        case .procedure: id.isEmpty || id == "-" ? "" : procedure(id)
        }
    }
}

extension PortalMapping {
    /// What a report table's rows are about, for the column in the portal's words that
    /// exports add beside the human labels.
    public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable {
        case channel, status, sector, procedure

        /// The portal's field name the column is headed with.
        public var field: String {
            switch self {
            case .channel: "KenhThucHien"
            case .status: "TrangThaiHoSo"
            case .sector: "MaLinhVuc"
            case .procedure: "MaTTHC"
            }
        }
    }
}

extension Report.Table {
    /// The rows' keys in MotCua's ids, so exports can add the portal's code of each row.
    public struct PortalKeys: Sendable, Hashable, Codable {
        /// What the keys are.
        public var dimension: PortalMapping.Dimension
        /// One id per row, in row order.
        public var ids: [String]

        /// Creates the keys.
        public init(_ dimension: PortalMapping.Dimension, ids: [String]) {
            self.dimension = dimension
            self.ids = ids
        }
    }
}

extension Report {
    /// The report as exports carry it: each table whose rows have ``Report/Table/PortalKeys``
    /// gains, after its first column, a column headed with the portal's field name
    /// (`KenhThucHien`, `MaLinhVuc`, `MaTTHC`, `TrangThaiHoSo`) holding each row's code.
    /// Pages show the human labels only.
    public func inPortalWords(_ codes: PortalCodes) -> Report {
        var report = self
        report.tables = tables.map { table in
            guard let keys = table.portalKeys, keys.ids.count == table.rows.count, !table.columns.isEmpty else { return table }
            var widened = table
            let field = keys.dimension.field
            widened.columns.insert(LocalizedText(vi: field, en: field), at: 1)
            widened.rows = zip(table.rows, keys.ids).map { row, id in
                var cells = row
                cells.insert(codes.code(keys.dimension, id), at: min(1, cells.count))
                return cells
            }
            widened.portalKeys = nil
            return widened
        }
        return report
    }
}
