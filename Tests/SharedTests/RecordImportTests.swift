import Foundation
import Shared
import Testing

/// Importing customers and devices from CSV: good rows become records, every bad row is reported
/// with its line and the rule it breaks, in the words every other way in uses.
@Suite("CSV record import")
struct CSVRecordImportTests {
    static func customers(_ text: String) -> ImportResult<Customer> { RecordImporter.customers.read(Data(text.utf8)) }
    static func devices(_ text: String) -> ImportResult<Device> { RecordImporter.devices.read(Data(text.utf8)) }

    static func messages<Record>(_ result: ImportResult<Record>) -> [String] { result.problems.map(\.description) }

    @Test("a good customer file gives every record with every field, its line and an id from the account")
    func goodCustomers() throws {
        let result = Self.customers(#"""
            account,name,address,phone,email,category,tariff,feeder,transformer,capacity_kva,phases,lat,lon,account_status,county,appointment,notes
            1000001,Li Wei,"Hauptstraße 5, Bayreuth",+49 921 555 0101,li.wei@example.cn,residential,T1,F-07,TR-112,12.5,3,49.9456,11.5713,active,09462,2026-12-03 09:00-11:00,"gate code ""42"""
            1000002,Anna Berg,,,,,,,,,,,,,,,

            """#)
        #expect(result.isClean, "\(result.problems)")
        #expect(result.records.map(\.line) == [2, 3])
        var first = Customer(id: try TypedID("cus-1000001"), account: "1000001", name: "Li Wei")
        first.address = "Hauptstraße 5, Bayreuth"
        first.phone = "+49 921 555 0101"
        first.email = "li.wei@example.cn"
        first.category = .residential
        first.tariff = "T1"
        first.feeder = "F-07"
        first.transformer = "TR-112"
        first.capacityKVA = 12.5
        first.phases = 3
        first.location = GeoPoint(latitude: 49.9456, longitude: 11.5713)
        first.accountStatus = .active
        first.county = "09462"
        first.appointment = "2026-12-03 09:00-11:00"
        first.notes = "gate code \"42\""
        #expect(result.records[0].record == first)
        #expect(result.records[1].record == Customer(id: try TypedID("cus-1000002"), account: "1000002", name: "Anna Berg"),
                "blank optional cells leave fields empty")
    }

    @Test("columns may come in any order, in any case, and optional ones may be left out")
    func columnOrderAndCase() throws {
        let result = Self.customers(" Name ,ACCOUNT,Phone\nLi Wei,1000001,12345\n")
        #expect(result.isClean)
        #expect(result.records.first?.record.account == "1000001")
        #expect(result.records.first?.record.name == "Li Wei")
        #expect(result.records.first?.record.phone == "12345")
    }

    @Test("importing the same file twice addresses the same records")
    func sameIDsTwice() {
        let text = "account,name\n1000001,Li Wei\n1000002,Anna Berg\n"
        let first = Self.customers(text), second = Self.customers(text)
        #expect(first.records.map(\.record.id.rawValue) == ["cus-1000001", "cus-1000002"])
        #expect(first == second)
    }

    @Test("an id column is used when filled and derived from the account when blank")
    func explicitID() {
        let result = Self.customers("id,account,name\ncus-legacy:77,1000001,Li Wei\n ,1000002,Anna Berg\ncus 9,1000003,Bad Id\n")
        #expect(result.records.map(\.record.id.rawValue) == ["cus-legacy:77", "cus-1000002"])
        #expect(Self.messages(result) == [
            "line 4: id: must be 1 to 64 characters from letters, digits, '.', '_', '-' and ':' (got \"cus 9\")",
        ])
    }

    @Test("Chinese names and addresses round-trip exactly, in a BOM-prefixed CRLF file as Excel writes it")
    func chinese() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("account,name,address,notes\r\n1000001,王小明,北京市朝阳区建国路88号,\"电表在门后，需钥匙\"\r\n1000002,张伟,\"上海市浦东新区世纪大道100号, 18楼\",\r\n,,,\r\n".utf8))
        let result = RecordImporter.customers.read(data)
        #expect(result.isClean, "\(result.problems)")
        #expect(result.records.count == 2, "the all-blank row spreadsheets leave behind is skipped")
        let first = try #require(result.records.first).record
        #expect(first.name == "王小明")
        #expect(first.address == "北京市朝阳区建国路88号")
        #expect(first.notes == "电表在门后，需钥匙")
        #expect(Array(first.name.utf8) == Array("王小明".utf8))
        let second = try #require(result.records.last)
        #expect(second.line == 3)
        #expect(second.record.name == "张伟")
        #expect(second.record.address == "上海市浦东新区世纪大道100号, 18楼")
    }

    @Test("a line break inside a text cell is refused by the text rule, and later lines stay right")
    func lineBreakInText() {
        let result = Self.customers("account,name,address\n1000001,Li Wei,\"Flat 3\n12 Long Road\"\n1000002,Anna Berg,x\n1000003,,y\n")
        #expect(result.records.map(\.line) == [4])
        #expect(Self.messages(result) == [
            "line 2: address: must be text of at most 300 characters without control characters (got \"Flat 3\n12 Long Road\")",
            "line 5: name: is required",
        ])
    }

    @Test("every bad row is reported with its line and rule, and the good rows still come through")
    func badRows() {
        let result = Self.customers(#"""
            account,name,phone,email,category,capacity_kva,phases,lat,lon
            1000001,Li Wei,12345,,residential,10,1,,
            12a,Bad Account,,,,,,,
            1000003,,,,,,,,
            1000004,Two Problems,1234,li@,,,,,
            1000005,"Multi
            Line",,,household,,,,
            1000006,Wrong Width,,,
            1000007,Ok Again,,,commercial,-1,4,,
            1000008,Anna Berg,,,,,,39.9087,116.3975
            1000009,Bad Position,,,,,,91,10

            """#)
        #expect(result.records.map(\.line) == [2, 10])
        #expect(result.records.map(\.record.name) == ["Li Wei", "Anna Berg"])
        #expect(result.records.last?.record.location == GeoPoint(latitude: 39.9087, longitude: 116.3975))
        #expect(Self.messages(result) == [
            "line 3: account: must be 6 to 20 digits (got \"12a\")",
            "line 4: name: is required",
            "line 5: phone: must be 5 to 15 digits, optionally starting with +, with spaces or dashes allowed (got \"1234\")",
            "line 5: email: must be an e-mail address like name@example.com (got \"li@\")",
            "line 6: name: must be text of at most 200 characters without control characters (got \"Multi\nLine\")",
            "line 6: category: must be one of: residential, commercial, industrial, agricultural, public (got \"household\")",
            "line 8: the row has 5 cells but the header has 9 columns",
            "line 9: capacity_kva: must be a number of at least 0 (got \"-1\")",
            "line 9: phases: must be a whole number from 1 to 3 (got \"4\")",
            "line 11: location: latitude must be between -90 and 90 (got \"91.0\")",
        ])
        #expect(result.problems.first == ImportProblem(line: 3, message: "account: must be 6 to 20 digits (got \"12a\")"))
    }

    @Test("lat without lon, or lon without lat, is refused naming the line")
    func halfALocation() {
        let result = Self.customers("account,name,lat,lon\n1000001,A,49.9,\n1000002,B,,11.5\n1000003,C,,\n1000004,D,\"49,9\",11.5\n")
        #expect(result.records.map(\.line) == [4])
        #expect(result.records.first?.record.location == nil)
        #expect(Self.messages(result) == [
            "line 2: location: needs both lat and lon; lon is empty",
            "line 3: location: needs both lat and lon; lat is empty",
            "line 5: lat: must be a decimal number with a point, like 39.9087 (got \"49,9\")",
        ])
    }

    @Test("an unknown column is refused by name, with a suggestion for a typo, and no row is read")
    func unknownColumns() {
        let result = Self.customers("account,name,adress,colour\n1000001,Li Wei,Somewhere,red\n")
        #expect(result.records.isEmpty)
        #expect(Self.messages(result) == [
            "line 1: unknown column \"adress\" (did you mean \"address\"?)",
            "line 1: unknown column \"colour\"; the columns are: account,name,id,address,phone,email,category,tariff,feeder,transformer,capacity_kva,phases,lat,lon,account_status,county,appointment,notes",
        ])
    }

    @Test("missing required columns, duplicate columns and nameless columns are refused on the header's line")
    func headerProblems() {
        #expect(Self.messages(Self.customers("name,phone\nLi Wei,12345\n")) == ["line 1: missing required column \"account\""])
        #expect(Self.messages(Self.customers("\n\naccount,name,Name,\n1000001,a,b,\n")) == [
            "line 3: column \"name\" appears twice (columns 2 and 3)",
            "line 3: column 4 of the header has no name",
        ])
        #expect(Self.messages(Self.customers("account,name,lat\n1000001,Li,49.9\n")) == [
            "line 1: column \"lat\" needs column \"lon\" too: together they give location",
        ])
        #expect(Self.messages(Self.devices("serial,kind,customer,customer_account\nA1,meter,cus-1000001,1000001\n")) == [
            "line 1: columns \"customer\" and \"customer_account\" both give customer; keep one",
        ])
    }

    @Test("an empty file is refused with the expected header")
    func emptyFile() {
        let result = Self.customers("\n\n")
        #expect(result.records.isEmpty)
        #expect(Self.messages(result) == [
            "line 3: the file has no header row; the first row must name the columns, for example: account,name,id,address,phone,email,category,tariff,feeder,transformer,capacity_kva,phases,lat,lon,account_status,county,appointment,notes",
        ])
    }

    @Test("a duplicate id is reported for the later line, and the first row is kept")
    func duplicateIDs() {
        let result = Self.customers("id,account,name\n,1000001,First\n,1000002,Other\n,1000001,Again\ncus-1000002,1000003,Explicit\n")
        #expect(result.records.map(\.record.name) == ["First", "Other"])
        #expect(Self.messages(result) == [
            "line 4: id: \"cus-1000001\" (from account \"1000001\") is already used on line 2",
            "line 5: id: \"cus-1000002\" is already used on line 3",
        ])
    }

    @Test("an unterminated quote keeps the rows before it and names the line and column where it opened")
    func unterminatedQuote() throws {
        let result = Self.customers("account,name,address\n1000001,Li Wei,A\n1000002,Anna,\"Road 5\n1000003,Tom,B\n")
        #expect(result.records.map(\.record.account) == ["1000001"])
        #expect(Self.messages(result) == [
            "line 3: address: a quoted cell starts here but its closing quote (\") never comes; nothing after it was read",
        ])
    }

    @Test("invalid UTF-8 is refused on its line naming the column, and later rows still import")
    func invalidUTF8() {
        var data = Data("account,name\n1000001,Li Wei\n1000002,".utf8)
        data.append(contentsOf: [0xCD, 0xF5, 0xD0, 0xA1, 0xC3, 0xF7])  // 王小明 in GBK
        data.append(Data("\n1000003,Anna Berg\n".utf8))
        let result = RecordImporter.customers.read(data)
        #expect(result.records.map(\.line) == [2, 4])
        #expect(Self.messages(result) == [
            "line 3: name: is not valid UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
        ])
    }

    @Test("devices: ids from serials, customers from account numbers, every field read")
    func devices() throws {
        let result = Self.devices(#"""
            serial,kind,customer_account,seal,model,voltage_level,status,lat,lon,notes
            SN-0042,meter,1000001,S-77,DDS666,lv,in_service,39.9087,116.3975,
            "AB/12 34",current_transformer,,,,,,,,
            电表01,pole,,,,,,,,
            X,toaster,12,,,,broken,,,

            """#)
        #expect(result.records.map(\.record.id.rawValue) == ["dev-SN-0042", "dev-AB_12_34", "dev-__01"])
        var meter = Device(id: try TypedID("dev-SN-0042"), serial: "SN-0042", kind: .meter)
        meter.customer = try TypedID("cus-1000001")
        meter.seal = "S-77"
        meter.model = "DDS666"
        meter.voltageLevel = .low
        meter.status = .inService
        meter.location = GeoPoint(latitude: 39.9087, longitude: 116.3975)
        #expect(result.records.first?.record == meter)
        #expect(result.records[1].record.serial == "AB/12 34", "the serial is kept as written; only the id is normalised")
        #expect(result.records[2].record.serial == "电表01")
        #expect(Self.messages(result) == [
            "line 5: kind: must be one of: meter, current_transformer, voltage_transformer, transformer, pole, switch, breaker, fuse, recloser, capacitor (got \"toaster\")",
            "line 5: customer_account: must be 6 to 20 digits (got \"12\")",
            "line 5: status: must be one of: in_service, faulty, tampered, removed, missing (got \"broken\")",
        ])
    }

    @Test("devices: a customer id column, explicit ids, and serials whose id would be too long or collide")
    func deviceIDs() throws {
        // 40 characters, each an "e" and a combining accent: two scalars, so two "_" in the id.
        let long = String(repeating: "e\u{301}", count: 40)
        let result = Self.devices("id,serial,kind,customer\n,A/1,meter,cus-1000001\n,A 1,meter,\ndev-own,B,pole,cus 1\n,\(long),meter,\n")
        #expect(result.records.map(\.record.id.rawValue) == ["dev-A_1"])
        #expect(result.records.first?.record.customer?.rawValue == "cus-1000001")
        #expect(Self.messages(result) == [
            "line 3: id: \"dev-A_1\" (from serial \"A 1\") is already used on line 2",
            "line 4: customer: must be the id of a customer (got \"cus 1\")",
            "line 5: id: derived from serial is longer than 64 characters; give the row an id (got \"dev-\(String(repeating: "e_", count: 26))e...\")",
        ])
        #expect(throws: ValidationError.self) { try RecordImporter.devices.derivedID(fromKey: "  ") }
        #expect(try RecordImporter.devices.derivedID(fromKey: "SN 1").rawValue == "dev-SN_1")
    }

    @Test("the column tables document what a dispatcher may put in the header")
    func columnTables() {
        #expect(RecordImporter.customers.header == "account,name,id,address,phone,email,category,tariff,feeder,transformer,capacity_kva,phases,lat,lon,account_status,county,appointment,notes")
        #expect(RecordImporter.customers.requiredColumns == ["account", "name"])
        #expect(RecordImporter.devices.header == "serial,kind,id,customer_account,customer,seal,model,voltage_level,status,lat,lon,notes")
        #expect(RecordImporter.devices.requiredColumns == ["serial", "kind"])
        #expect(RecordImporter.customers.columns.first?.summary == "must be 6 to 20 digits")
    }

    @Test("a record that imports is one its kind's own validation accepts")
    func importedRecordsValidate() throws {
        let result = Self.customers("account,name,category,lat,lon\n1000001,Li Wei,public,-33.8688,151.2093\n")
        for imported in result.records { try imported.record.validate() }
        #expect(result.records.count == 1)
    }
}
