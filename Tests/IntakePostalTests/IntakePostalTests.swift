import Foundation
import IntakePostal
import MotCuaCore
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import Testing
import MotCuaPostgresTesting

/// The postal add-on beside the test intake (which keeps dossiers per instance), so the add-on
/// is tested without another plugin; a clerk `lan`.
func compose(accounts: [TestAccount] = []) throws -> TestHost {
    let manifest = TestManifest(id: "t.postal").plugin("intake.test")
        .plugin("intake.postal", #"{ "fee": 25000, "communes": ["Xã Đào Xá", "Xã Thanh Thủy"] }"#)
    return try TestHost(manifest, plugins: [.intake(TestIntake.self), .intake(IntakePostal.self)], requiredKinds: [.intake], accounts: accounts)
}

func postal(_ composition: Composition) throws -> any PostalIntakePlugin {
    let found = composition.plugins.compactMap { plugin -> (any PostalIntakePlugin)? in
        if case .intake(let candidate) = plugin.instance { candidate as? any PostalIntakePlugin } else { nil }
    }
    return try #require(found.first)
}

@Suite("intake.postal", .onEachEngine)
struct IntakePostalTests {
    let clerk = Principal.staff("lan")

    @Test func registersDispatchesAndDeliversOnceEach() throws {
        let host = try compose()
        let (composition, store) = (host.composition, host.store)
        let post = try postal(composition)
        let dossier = try #require(composition.intake).receive(IntakeRequest(procedure: "p1", channel: .postal, formValues: [:]), by: clerk)
        #expect(post.feeHint == 25_000 && post.communes.count == 2)
        let shipment = try post.register(PostalRequest(service: .returnResult, addressLine: "Số 4, khu 3", commune: "Xã Đào Xá"), for: dossier, by: clerk)
        #expect(shipment.recipient == "Lê Thị Hoa" && shipment.phone == "0987654321" && shipment.province == "Tỉnh Phú Thọ" && shipment.fee == 25_000)
        #expect { try post.register(PostalRequest(service: .returnResult, addressLine: "Số 4, khu 3", commune: "Xã Đào Xá"), for: dossier, by: clerk) }
            throws: { ($0 as? Problem)?.code == "postal.already-registered" }
        #expect { try post.delivered(dossier: dossier.code, recipientID: "001090012345", by: clerk) } throws: { ($0 as? Problem)?.code == "postal.order" }
        #expect(try post.dispatch(dossier: dossier.code, trackingNumber: "EE987654321VN", by: clerk).status == .dispatched)
        let delivered = try post.delivered(dossier: dossier.code, recipientID: "001090012345", by: clerk)
        #expect(delivered.status == .delivered && delivered.recipientID == "001090012345")
        #expect(try post.shipment(dossier: dossier.code) == delivered)
        let kinds = try store.journalEntries(after: 0, limit: 10).map(\.kind)
        #expect(kinds == ["dossier.postal-registered", "dossier.postal-dispatched", "dossier.postal-delivered"])
    }

    @Test func badAddressesAreNamedFieldByField() throws {
        let composition = try compose().composition
        let post = try postal(composition)
        let counterDossier = try #require(composition.intake).receive(IntakeRequest(procedure: "p2", formValues: [:]), by: clerk)
        #expect {
            try post.register(PostalRequest(service: .both, addressLine: "Số 4, khu 3", commune: "Xã Thanh Thủy", inboundReceipt: "EB1"), for: counterDossier, by: clerk)
        } throws: { error in
            (error as? Problem)?.code == "postal.not-postal-channel" && (error as? Problem)?.details.first?.field == "service"
        }
        let dossier = try #require(composition.intake).receive(IntakeRequest(procedure: "p2", channel: .postal, formValues: [:]), by: clerk)
        #expect {
            try post.register(PostalRequest(service: .sendDossier, phone: "12345", addressLine: "x", commune: "Xã Khác"), for: dossier, by: clerk)
        } throws: { error in
            Set((error as? Problem)?.details.map(\.field) ?? []) == ["phone", "addressLine", "commune", "inboundReceipt"]
        }
        #expect(try post.shipment(dossier: dossier.code) == nil)
        // A dossier that came by post but is collected at the centre is never dispatched.
        _ = try post.register(PostalRequest(service: .sendDossier, addressLine: "Số 4, khu 3", commune: "Xã Thanh Thủy", inboundReceipt: "EB1"), for: dossier, by: clerk)
        #expect { try post.dispatch(dossier: dossier.code, trackingNumber: "EE987654321VN", by: clerk) } throws: { ($0 as? Problem)?.code == "postal.no-return" }
    }

    @Test func theAddOnReceivesNothingItself() throws {
        let composition = try compose().composition
        #expect { try postal(composition).receive(IntakeRequest(procedure: "p", formValues: [:]), by: clerk) } throws: { ($0 as? Problem)?.code == "intake.not-primary" }
    }

    @Test func deliveryThroughTheAPIReturnsTheDossier() async throws {
        let host = try compose(accounts: [TestAccount("lan", displayName: "Lan", role: .clerk)])
        let intake = try #require(host.composition.intake)
        try await host.test { client in
            let lan = try host.signIn("lan")
            let dossier = try intake.receive(IntakeRequest(procedure: "p3", channel: .postal, formValues: [:]), by: clerk)
            #expect(try await client.post("/api/v1/dossiers/\(dossier.code)/postal", json: #"{"service":"returnResult","addressLine":"Số 4, khu 3","commune":"Xã Đào Xá"}"#, as: lan).status == 201)
            // No result yet: nothing to send.
            #expect(try await client.post("/api/v1/dossiers/\(dossier.code)/postal/dispatch", json: #"{"trackingNumber":"EE987654321VN"}"#, as: lan).status == 409)
            _ = try intake.transition(dossier: dossier.code, to: .done, note: nil, by: clerk)
            #expect(try await client.post("/api/v1/dossiers/\(dossier.code)/postal/dispatch", json: #"{"trackingNumber":"EE987654321VN"}"#, as: lan).status == 200)
            #expect(try await client.post("/api/v1/dossiers/\(dossier.code)/postal/delivered", json: #"{"recipientID":"001090012345"}"#, as: lan).status == 200)
            #expect(try intake.dossier(code: dossier.code)?.status == .returned)
        }
    }
}
