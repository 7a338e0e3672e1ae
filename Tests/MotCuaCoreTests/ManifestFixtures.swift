import MotCuaCore

/// Small manifests for the loader tests: a catalogue layer, a province layer and a commune.
enum ManifestFixtures {
    static let catalogue = """
    {
      "abstract": true,
      "sectors": [
        { "id": "ho-tich", "name": { "vi": "Hộ tịch", "en": "Civil status" } },
        { "id": "chung-thuc", "name": { "vi": "Chứng thực", "en": "Certification" } },
        { "id": "dat-dai", "name": { "vi": "Đất đai", "en": "Land" } }
      ],
      "formFields": [
        { "id": "applicant.fullName", "label": { "vi": "Họ và tên", "en": "Full name" }, "type": "text", "personal": "basic" },
        { "id": "applicant.phone", "label": { "vi": "Số điện thoại", "en": "Phone" }, "type": "phone", "personal": "basic" },
        { "id": "child.fullName", "label": { "vi": "Họ tên trẻ", "en": "Child's name" }, "type": "text", "personal": "basic" }
      ],
      "procedures": [
        { "code": "1.001193", "name": { "vi": "Đăng ký khai sinh", "en": "Birth registration" }, "sector": "ho-tich",
          "deadline": { "unit": "immediate", "cutoff": "15:00" }, "formFields": ["child.fullName"] },
        { "code": "2.000815", "name": { "vi": "Chứng thực bản sao", "en": "Certified copy" }, "sector": "chung-thuc",
          "deadline": { "unit": "immediate", "cutoff": "15:00" },
          "fees": [ { "id": "phi", "kind": "phi", "name": { "vi": "Phí chứng thực", "en": "Certification fee" }, "amount": 2000, "per": "page" } ] },
        { "code": "1.000000", "name": { "vi": "Thủ tục đất", "en": "Land procedure" }, "sector": "dat-dai",
          "deadline": { "unit": "workingDays", "value": 10 } }
      ]
    }
    """

    static let province = """
    {
      "abstract": true,
      "extends": "../catalogue/catalogue.json",
      "centre": { "province": { "code": "25", "name": { "vi": "Phú Thọ", "en": "Phu Tho" } }, "timeZone": "Asia/Ho_Chi_Minh" },
      "hours": { "mon": ["07:30-11:30", "13:30-17:00"], "tue": ["07:30-11:30", "13:30-17:00"], "sat": ["07:30-11:30"] },
      "enable": { "sectors": ["ho-tich", "chung-thuc", "dat-dai"], "formFields": ["applicant.fullName"] },
      "calendar": { "holidays": [ { "date": "2026-11-24", "name": { "vi": "Nghỉ địa phương", "en": "Local holiday" } } ] },
      "plugins": { "test.queue": { "prefix": "P" } }
    }
    """

    static let commune = """
    {
      "extends": "province.json",
      "centre": { "id": "phu-tho.xa-thu", "name": { "vi": "Xã Thử", "en": "Test Commune" }, "level": "commune",
                  "unitCode": "12345", "agencyCode": "H46.25" },
      "hours": { "sat": null },
      "enable": { "sectors": ["ho-tich", "chung-thuc"], "formFields": ["applicant.fullName", "applicant.phone"] },
      "require": { "formFields": ["applicant.phone"] },
      "counters": [
        { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich"] },
        { "id": "2", "name": { "vi": "Quầy 2", "en": "Counter 2" }, "sectors": ["chung-thuc"] }
      ]
    }
    """

    /// A source holding the three files at `catalogue/catalogue.json`, `p/province.json`, `p/commune.json`,
    /// with `overrides` replacing or adding files.
    static func source(_ overrides: [String: String] = [:]) -> InMemoryManifestSource {
        var files = ["catalogue/catalogue.json": catalogue, "p/province.json": province, "p/commune.json": commune]
        for (path, text) in overrides { files[path] = text }
        return InMemoryManifestSource(texts: files)
    }
}
