import Foundation
import Logging
import Positioning
import Shared
import TextUI

/// The tablet's text UI as an application of ``EventLoop``: it keeps an ``AuditUIState``, changes
/// it for keys, taps and sync results, writes corrections and visits through ``TerminalStore``'s
/// one edit path, and runs syncs in the background so the screen never freezes.
public final class AuditTerminalApp: TerminalApplication {
    /// What background work reports.
    public enum Message: Sendable {
        /// A sync ended: its report, or why it failed.
        case syncFinished(Result<SyncEngine.Report, SyncFailure>)
        /// The position tracker's status at the moment it was read: position and heading for the map,
        /// quality and age for the status bar, the fix a visit records.
        case positionChanged(PositionStatus)
        /// Routing has road centre lines for the map.
        case roadsLoaded([[GeoPoint]])
        /// The cached road map of a work order is loaded: its roads show, and the path is planned
        /// from the next position.
        case navigatorReady(AuditNavigator)
        /// A planning round ended: the path (new or still standing), `nil` when no stop is left.
        case pathPlanned(NavigationPlan?)
        /// A planning round failed, with the reason.
        case planningFailed(String)
    }

    /// Why a sync failed, in a few words for the status bar.
    public struct SyncFailure: Error, Sendable {
        /// The reason.
        public var reason: String
    }

    /// What is shown.
    public private(set) var state: AuditUIState
    private let store: TerminalStore
    private let engine: SyncEngine?
    private let syncInterval: Duration?
    private let positionSource: (any PositionSource)?
    private let track: TrackLog?
    private var positionReadAt = Date()
    private var positionTasks: [Task<Void, Never>] = []
    private var navigator: AuditNavigator?
    private var planning = false
    private var planAgain = false
    private var sink: EventSink<Message>?
    private var lastSyncStart: ContinuousClock.Instant?
    private var size = TerminalSize(width: 80, height: 24)
    private var pointer: (x: Int, y: Int, dragged: Bool)?
    private var recordReturn: AuditUIState.Screen = .today
    private var quitArmed = false

    /// An app over `store`; `engine` syncs (none when not enrolled), every `syncInterval` and on `s`;
    /// `positionSource` (none: no GPS) is followed in the background once the app starts, its
    /// fixes also offered to `track` (the day's track) when given; the UI opens on `screen` and
    /// speaks `language`.
    public init(store: TerminalStore, engine: SyncEngine?, syncInterval: Duration?, positionSource: (any PositionSource)? = nil,
                track: TrackLog? = nil, screen: AuditUIState.Screen = .today, language: Language = .english) throws {
        self.track = track
        self.store = store
        self.engine = engine
        self.syncInterval = syncInterval
        self.positionSource = positionSource
        state = AuditUIState(snapshot: try AuditSnapshot.load(from: store))
        state.status.lastSync = try store.recall("last_sync_ms").flatMap(Double.init).map { Date(timeIntervalSince1970: $0 / 1000) }
        if engine == nil { state.status.link = .notEnrolled }
        if positionSource != nil { state.status.gps = .noFix }
        state.screen = screen
        state.language = language
    }

    /// Keeps the sink for background results, starts the first sync and follows the position source.
    public func start(sink: EventSink<Message>) {
        self.sink = sink
        startSync()
        if let positionSource { positionTasks = Self.follow(positionSource, track: track, into: sink) }
        loadNavigator()
    }

    /// Loads the cached road map of the work off the main loop; until one is cached (a sync brings
    /// it) the map shows the customers only, and each successful sync tries again.
    private func loadNavigator() {
        guard navigator == nil, let sink else { return }
        Task.detached { [store] in
            do { sink.post(.navigatorReady(try AuditNavigator(store: store))) } catch {
                Logger(label: "fieldaudit.ui").info("no audit path on the map yet: \(error)")
            }
        }
    }

    deinit {
        positionTasks.forEach { $0.cancel() }
    }

    /// Follows `source` with a ``PositionTracker`` off the main loop and posts its status twice a
    /// second, so ages count up and a fix that stops arriving turns stale on screen.
    private static func follow(_ source: any PositionSource, track: TrackLog?, into sink: EventSink<Message>) -> [Task<Void, Never>] {
        let tracker = PositionTracker()
        let following = Task.detached {
            do {
                if let track { try await track.follow(source, tracker: tracker) } else { try await tracker.follow(source) }
            } catch is CancellationError {
                return
            } catch {
                Logger(label: "fieldaudit.ui").warning("position source ended: \(error)")
            }
        }
        let reporting = Task.detached {
            while !Task.isCancelled {
                sink.post(.positionChanged(await tracker.status()))
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        return [following, reporting]
    }

    /// Draws the current state (scrolled so the selections show) at the screen's size.
    public func render(into screen: inout ScreenBuffer) {
        size = TerminalSize(width: screen.width, height: screen.height)
        state.normalize(width: screen.width, height: screen.height)
        AuditScreen.render(state, into: &screen, now: Date())
    }

    /// Applies one event: keys and taps through the key table, sync results, positions, roads, ticks.
    public func handle(_ event: LoopEvent<Message>) -> LoopDecision {
        switch event {
        case .tick:
            if let syncInterval, let lastSyncStart, ContinuousClock.now - lastSyncStart >= syncInterval { startSync() }
            return .continue
        case .resize(let newSize):
            size = newSize
            return .continue
        case .message(.syncFinished(let result)):
            syncFinished(result)
            return .continue
        case .message(.positionChanged(let status)):
            state.position = status.fix?.point
            state.heading = status.fix?.course
            state.status.gps = status
            positionReadAt = Date()
            requestPlan()
            return .continue
        case .message(.roadsLoaded(let roads)):
            state.roads = roads
            return .continue
        case .message(.navigatorReady(let navigator)):
            self.navigator = navigator
            state.roads = navigator.roads
            requestPlan()
            return .continue
        case .message(.pathPlanned(let plan)):
            planning = false
            state.navigation = plan
            state.navigationProblem = nil
            if planAgain { requestPlan() }
            return .continue
        case .message(.planningFailed(let reason)):
            planning = false
            state.navigationProblem = reason
            return .continue
        case .input(let input):
            return handleInput(input)
        }
    }

    // MARK: - Input

    private func handleInput(_ input: InputEvent) -> LoopDecision {
        if case .mouse(let mouse) = input { handleMouse(mouse); return .continue }
        let context = state.keyContext
        let command = KeyMap.command(for: input, in: context)
        if command == .quit { return quit() }
        quitArmed = false
        if state.screen == .help {
            let capacity = HelpScreen.capacity(width: size.width, rows: AuditScreen.contentRows(height: size.height).count, language: state.language)
            let page = max(1, capacity.lines - 1)
            switch command {
            case .moveUp: state.helpScroll -= 1
            case .moveDown: state.helpScroll += 1
            case .pageUp: state.helpScroll -= page
            case .pageDown: state.helpScroll += page
            case .showMap, .showToday, .syncNow: return perform(command!)
            default: state.screen = state.screenBeforeHelp
            }
            state.helpScroll = max(0, min(state.helpScroll, capacity.maxScroll))
            return .continue
        }
        guard let command else {
            typeText(input, in: context)
            return .continue
        }
        return perform(command)
    }

    /// Keys that are no command go to whatever is being typed.
    private func typeText(_ input: InputEvent, in context: KeyContext) {
        switch context {
        case .search:
            if state.today.search.handle(input) { state.today.selection = 0; state.today.scroll = 0 }
        case .editing:
            _ = state.record?.editing?.editor.handle(input)
        case .visit, .hazard:
            state.record?.visit?.type(input)
        default:
            break
        }
    }

    /// Quits, unless text typed and not saved would be lost: then the first quit only warns.
    private func quit() -> LoopDecision {
        guard let record = state.record, !quitArmed else { return .quit }
        let unsaved = Array(record.drafts.keys) + (record.editing.map { [$0.field] } ?? [])
        guard !unsaved.isEmpty else { return .quit }
        quitArmed = true
        let fields = unsaved.sorted().map { record.state.schema.label(of: $0, in: state.language) }
        let warning = state.language.localized("tablet.app.unsaved", ["fields": fields.joined(separator: ", ")])
        state.record?.message = .init(warning, isProblem: true)
        return .continue
    }

    private func perform(_ command: UICommand) -> LoopDecision {
        switch command {
        case .quit: return quit()
        case .help:
            state.screenBeforeHelp = state.screen
            state.screen = .help
            state.helpScroll = 0
        case .showToday: state.screen = .today
        case .showMap: state.screen = .map
        case .syncNow: startSync()
        default:
            switch state.screen {
            case .today: performOnToday(command)
            case .record: performOnRecord(command)
            case .map: performOnMap(command)
            case .help: break
            }
        }
        return .continue
    }

    private func performOnToday(_ command: UICommand) {
        let visible = state.today.visibleIndices(state.snapshot.entries)
        let page = max(1, AuditScreen.contentRows(height: size.height).count - TodayScreen.headerRows - 1)
        switch command {
        case .moveUp: state.today.selection -= 1
        case .moveDown: state.today.selection += 1
        case .pageUp: state.today.selection -= page
        case .pageDown: state.today.selection += page
        case .open:
            if visible.indices.contains(state.today.selection) { openRecord(state.snapshot.entries[visible[state.today.selection]].id) }
        case .search: state.today.searching = true
        case .save: state.today.searching = false
        case .cancel:
            state.today.search = LineEditor()
            state.today.searching = false
        case .cycleFilter: state.today.cycleFilter()
        case .clearFilter:
            state.today = TodayState()
        default: break
        }
        state.today.selection = max(0, min(state.today.selection, visible.count - 1))
    }

    private func performOnRecord(_ command: UICommand) {
        guard var record = state.record else { return }
        defer { if state.record != nil { state.record = record } }
        if var visit = record.visit, visit.perform(command) {
            record.visit = visit
            return
        }
        switch command {
        case .moveUp: record.selection -= 1
        case .moveDown: record.selection += 1
        case .pageUp: record.selection -= 10
        case .pageDown: record.selection += 10
        case .back:
            state.record = nil
            state.screen = recordReturn
            return
        case .edit:
            if let device = record.selectedDevice {
                state.record = nil
                openRecord(device.id, returnTo: state.screen == .record ? recordReturn : state.screen)
                return
            }
            if let field = record.selectedField {
                record.editing = FieldEdit(field: field.name, text: record.drafts[field.name] ?? record.state.value(of: field.name)?.description ?? "")
                record.message = nil
            }
        case .recordVisit:
            if record.state.kind == .customer { record.visit = VisitForm() }
        case .cancel:
            if let editing = record.editing {
                if editing.editor.text != (record.state.value(of: editing.field)?.description ?? "") {
                    record.drafts[editing.field] = editing.editor.text
                }
                record.editing = nil
            }
            record.visit = nil
        case .save:
            if record.editing != nil { save(&record) } else if record.visit != nil { recordVisit(&record) }
        default: break
        }
        record.selection = max(0, min(record.selection, record.rowCount - 1))
    }

    private func performOnMap(_ command: UICommand) {
        guard let viewport = MapScreen.viewport(state, width: size.width, height: size.height) else {
            if command == .back { state.screen = .today }
            return
        }
        let area = MapScreen.mapArea(width: size.width, height: size.height)
        let stepX = Double(area.columns * 2) / 4, stepY = Double(area.rows * 4) / 4
        switch command {
        case .panLeft: state.viewport = viewport.panned(dotsEast: -stepX, dotsSouth: 0)
        case .panRight: state.viewport = viewport.panned(dotsEast: stepX, dotsSouth: 0)
        case .panUp: state.viewport = viewport.panned(dotsEast: 0, dotsSouth: -stepY)
        case .panDown: state.viewport = viewport.panned(dotsEast: 0, dotsSouth: stepY)
        case .zoomIn: state.viewport = viewport.zoomed(by: 1)
        case .zoomOut: state.viewport = viewport.zoomed(by: -1)
        case .recenter: state.viewport = nil
        case .open:
            if let marker = MapScreen.layout(state, width: size.width, height: size.height)?.markerNearestCenter { openRecord(marker.id) }
        case .back: state.screen = .today
        default: break
        }
    }

    // MARK: - Mouse and touch

    private func handleMouse(_ mouse: MouseEvent) {
        if mouse.y == 0, case .press(.left) = mouse.action {
            if let tab = AuditScreen.tabs(state).first(where: { $0.columns.contains(mouse.x) }) {
                if tab.screen == .help { state.screenBeforeHelp = state.screen == .help ? state.screenBeforeHelp : state.screen }
                state.screen = tab.screen
            }
            return
        }
        switch (state.screen, mouse.action) {
        case (.help, .press):
            state.screen = state.screenBeforeHelp
        case (.record, .press(.left)):
            guard let record = state.record, record.editing == nil, record.visit == nil,
                  let row = RecordScreen.row(atScreenRow: mouse.y, record, width: size.width, height: size.height, language: state.language) else { return }
            if row == record.selection { _ = perform(.edit) } else { state.record?.selection = row }
        case (.today, .press(.left)):
            if let (entry, index) = TodayScreen.customer(atRow: mouse.y, state, height: size.height) {
                state.today.selection = index
                openRecord(entry.id)
            }
        case (.today, .wheelUp): _ = perform(.moveUp)
        case (.today, .wheelDown): _ = perform(.moveDown)
        case (.record, .wheelUp): _ = perform(.moveUp)
        case (.record, .wheelDown): _ = perform(.moveDown)
        case (.map, .press(.left)):
            pointer = (mouse.x, mouse.y, false)
        case (.map, .drag(.left)):
            guard let start = pointer, let viewport = MapScreen.viewport(state, width: size.width, height: size.height) else { return }
            state.viewport = viewport.panned(dotsEast: Double(start.x - mouse.x) * 2, dotsSouth: Double(start.y - mouse.y) * 4)
            pointer = (mouse.x, mouse.y, true)
        case (.map, .release(.left)):
            defer { pointer = nil }
            guard let start = pointer, !start.dragged else { return }
            let area = MapScreen.mapArea(width: size.width, height: size.height)
            if let marker = MapScreen.layout(state, width: size.width, height: size.height)?
                .marker(atColumn: mouse.x - area.x, row: mouse.y - area.y) {
                openRecord(marker.id)
            }
        case (.map, .wheelUp): _ = perform(.zoomIn)
        case (.map, .wheelDown): _ = perform(.zoomOut)
        default: break
        }
    }

    // MARK: - Store

    private func openRecord(_ id: String, returnTo: AuditUIState.Screen? = nil) {
        do {
            guard let record = try store.find(id) else { return }
            recordReturn = returnTo ?? (state.screen == .record ? recordReturn : state.screen)
            let devices = try devices(of: record)
            state.record = RecordScreenState(state: record, devices: devices, hazards: try hazards(at: record),
                                             findings: try store.findings(about: [record.id] + devices.map(\.id)))
            state.screen = .record
        } catch {
            state.status.link = .offline(reason: state.language.localized("tablet.app.cannot_read", ["id": id, "error": "\(error)"]))
        }
    }

    private func hazards(at record: RecordState) throws -> [Hazard] {
        record.kind == .customer ? try store.openHazards(atCustomer: record.id) : []
    }

    private func devices(of record: RecordState) throws -> [RecordState] {
        guard record.kind == .customer else { return [] }
        return try store.records(.device).filter { $0.text("customer") == record.id }
    }

    /// Saves the field being edited through the store's edit path, if its rule accepts the text;
    /// otherwise the text stays as typed with the refusal under it.
    private func save(_ record: inout RecordScreenState) {
        guard let editing = record.editing else { return }
        switch editing.verdict(in: record.state.schema) {
        case .failure(let error):
            record.message = .init(state.language.localized("tablet.app.not_saved", ["error": error.description]), isProblem: true)
        case .success(let value):
            do {
                record.state = try store.correct(record.state.key, with: [(editing.field, value)])
                record.editing = nil
                record.drafts[editing.field] = nil
                reloadSnapshot()
                record.message = .init(state.language.localized("tablet.app.saved", [
                    "field": record.state.schema.label(of: editing.field, in: state.language), "value": value.description,
                    "count": state.status.outbox]), isProblem: false)
            } catch {
                record.message = .init(state.language.localized("tablet.app.not_saved", ["error": "\(error)"]), isProblem: true)
            }
        }
    }

    private func recordVisit(_ record: inout RecordScreenState) {
        guard let visit = record.visit else { return }
        do {
            let saved = try store.recordVisit(customer: record.state.id, outcome: visit.outcome, note: visit.note.text,
                                               fix: currentFix())
            let hazards = try store.recordHazards(visit.hazards, on: saved)
            record.visit = nil
            reloadSnapshot()
            record.hazards = state.record?.hazards ?? record.hazards
            requestPlan()
            record.message = .init(state.language.localized("tablet.app.visit_recorded", [
                "outcome": saved.outcome.label(in: state.language), "count": state.status.outbox])
                + (hazards.isEmpty ? "" : state.language.localized("tablet.app.hazards_recorded", ["count": hazards.count])), isProblem: false)
        } catch {
            record.message = .init(state.language.localized("tablet.app.visit_not_recorded", ["error": "\(error)"]), isProblem: true)
        }
    }

    /// The proof of presence for a visit recorded now: the tracker's latest fix, its age counted up
    /// to this moment; `nil` without a fix.
    private func currentFix() -> VisitFix? {
        guard let status = state.status.gps, var fix = VisitFix(status) else { return nil }
        fix.age += max(0, Date().timeIntervalSince(positionReadAt))
        return fix
    }

    private func reloadSnapshot() {
        guard let snapshot = try? AuditSnapshot.load(from: store) else { return }
        state.snapshot = snapshot
        state.status.outbox = snapshot.outbox
        state.status.refused = snapshot.refused
        if var record = state.record, let fresh = try? store.record(record.state.key) {
            record.state = fresh
            record.devices = (try? devices(of: fresh)) ?? record.devices
            record.hazards = (try? hazards(at: fresh)) ?? record.hazards
            record.findings = (try? store.findings(about: [fresh.id] + record.devices.map(\.id))) ?? record.findings
            state.record = record
        }
    }

    // MARK: - Audit path

    /// Asks the navigator, off the main loop, for the path from the current position: it plans
    /// the first time and again when a stop was finished or the tablet left the path. A request
    /// while one runs is remembered and made when it ends.
    private func requestPlan() {
        guard let navigator, let sink, let position = state.position else { return }
        guard !planning else { planAgain = true; return }
        planning = true
        planAgain = false
        Task.detached {
            do {
                sink.post(.pathPlanned(try await navigator.update(at: position)))
            } catch {
                sink.post(.planningFailed(AuditTerminalApp.brief(error)))
            }
        }
    }

    // MARK: - Sync

    private func startSync() {
        guard let engine, let sink, !state.status.syncing else { return }
        state.status.syncing = true
        lastSyncStart = ContinuousClock.now
        Task.detached { [engine, sink] in
            let outcome: Result<SyncEngine.Report, SyncFailure>
            do {
                outcome = .success(try await engine.syncOnce())
            } catch {
                outcome = .failure(SyncFailure(reason: AuditTerminalApp.brief(error)))
            }
            sink.post(.syncFinished(outcome))
        }
    }

    private func syncFinished(_ result: Result<SyncEngine.Report, SyncFailure>) {
        state.status.syncing = false
        switch result {
        case .success:
            state.status.link = .online
            state.status.lastSync = Date()
            loadNavigator()
        case .failure(let failure):
            state.status.link = .offline(reason: failure.reason)
        }
        reloadSnapshot()
    }

    /// The first line of an error, at most 60 terminal columns (a Chinese character takes two).
    static func brief(_ error: any Error) -> String {
        let line = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
        return DisplayWidth.of(line) > 60 ? DisplayWidth.truncate(line, toWidth: 59) + "…" : line
    }
}
