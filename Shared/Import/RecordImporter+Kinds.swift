extension RecordImporter where Record == Customer {
    /// Customers, as a dispatcher imports them from a spreadsheet.
    ///
    /// Header (required columns first; the others may be left out, and order does not matter):
    ///
    /// ```
    /// account,name,id,address,phone,email,category,tariff,feeder,transformer,capacity_kva,phases,lat,lon,account_status,county,appointment,notes
    /// ```
    ///
    /// | column | holds |
    /// | --- | --- |
    /// | `account` | required: the MIS account number, 6 to 20 digits |
    /// | `name` | required: text, at most 200 characters |
    /// | `id` | the record id; when the column is missing or the cell blank, `cus-<account>` |
    /// | `address` | text, at most 300 characters |
    /// | `phone` | 5 to 15 digits, optionally starting with `+`, spaces and dashes allowed |
    /// | `email` | an e-mail address |
    /// | `category` | `residential`, `commercial`, `industrial`, `agricultural` or `public` |
    /// | `tariff` | text, at most 40 characters |
    /// | `feeder`, `transformer` | text, at most 60 characters |
    /// | `capacity_kva` | a number of at least 0 |
    /// | `phases` | 1, 2 or 3 |
    /// | `lat`, `lon` | the location in decimal degrees (latitude -90…90, longitude -180…180): both or neither |
    /// | `account_status` | `active`, `suspended` or `closed` |
    /// | `county` | the county's administrative division code, 2 to 12 digits |
    /// | `appointment` | a booked visit, `YYYY-MM-DD HH:MM-HH:MM` |
    /// | `notes` | text, at most 2000 characters |
    ///
    /// Because the id is derived from the account number, importing the same file twice
    /// addresses the same records.
    public static var customers: RecordImporter<Customer> {
        let kind = RecordKind.customer
        return RecordImporter(
            columns: [
                .field("account", of: kind),
                .field("name", of: kind),
                .id(of: kind, derived: "cus-<account>"),
                .field("address", of: kind),
                .field("phone", of: kind),
                .field("email", of: kind),
                .field("category", of: kind),
                .field("tariff", of: kind),
                .field("feeder", of: kind),
                .field("transformer", of: kind),
                .field("capacity_kva", of: kind),
                .field("phases", of: kind),
            ] + ImportColumn.coordinates("location", of: kind) + [
                .field("account_status", of: kind),
                .field("county", of: kind),
                .field("appointment", of: kind),
                .field("notes", of: kind),
            ],
            keyField: "account")
    }
}

extension RecordImporter where Record == Device {
    /// Devices (meters, transformers, poles, switches …), as a dispatcher imports them from a spreadsheet.
    ///
    /// Header (required columns first; the others may be left out, and order does not matter):
    ///
    /// ```
    /// serial,kind,id,customer_account,customer,seal,model,voltage_level,status,lat,lon,notes
    /// ```
    ///
    /// | column | holds |
    /// | --- | --- |
    /// | `serial` | required: the serial number from the nameplate, at most 60 characters |
    /// | `kind` | required: `meter`, `current_transformer`, `voltage_transformer`, `transformer`, `pole`, `switch`, `breaker`, `fuse`, `recloser` or `capacitor` |
    /// | `id` | the record id; when the column is missing or the cell blank, `dev-<serial>` with every character other than letters, digits, `.`, `_`, `-` and `:` replaced by `_` (refused when longer than 64 characters) |
    /// | `customer_account` | the account number of the customer the device serves; sets the customer to `cus-<account>`, the id a customer import derives |
    /// | `customer` | the customer's record id, instead of `customer_account` (a file may have one of the two) |
    /// | `seal`, `model` | text, at most 60 and 100 characters |
    /// | `voltage_level` | `lv`, `mv` or `hv` |
    /// | `status` | `in_service`, `faulty`, `tampered`, `removed` or `missing` |
    /// | `lat`, `lon` | the location in decimal degrees (latitude -90…90, longitude -180…180): both or neither |
    /// | `notes` | text, at most 2000 characters |
    public static var devices: RecordImporter<Device> {
        let kind = RecordKind.device
        return RecordImporter(
            columns: [
                .field("serial", of: kind),
                .field("kind", of: kind),
                .id(of: kind, derived: "dev-<serial>, other characters than letters, digits, '.', '_', '-' and ':' replaced by '_'"),
                .reference("customer_account", field: "customer", of: kind, byKey: "account"),
                .field("customer", of: kind),
                .field("seal", of: kind),
                .field("model", of: kind),
                .field("voltage_level", of: kind),
                .field("status", of: kind),
            ] + ImportColumn.coordinates("location", of: kind) + [
                .field("notes", of: kind),
            ],
            keyField: "serial")
    }
}
