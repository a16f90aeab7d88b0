"""Sending results to a Learning Record Store: the settings dialog and the sender that runs off the UI thread.

``LrsSettingsDialog`` takes the endpoint, user name and password (the password goes to the
system keyring, or is kept for this session only, as ``lrs.CredentialStore`` decides) and shows
the outbox: how many statements wait, were sent or failed, and why. ``LrsSyncController`` runs
``lrs.sync`` on a worker ``QObject`` moved to its own ``QThread``: it opens its own connection
to the progress file there, queues new statements and sends them in batches. A timer asks for a
sync every minute while sending is on; the backoff in ``lrs.py`` decides whether a try is due.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model import lrs
from app.model.progress import ProgressError

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.progress import ProgressStore

#: How often the sender wakes up to send what waits, in milliseconds.
SYNC_INTERVAL_MS = 60_000


class LrsWorker(QObject):
    """Runs one sync at a time on the worker thread and reports what it did."""

    finished = Signal(object)  # lrs.SendReport

    @Slot(object)
    def run(self, job: tuple[str, Sequence[Pack], lrs.LrsConfig, bool, bool]) -> None:
        """Queue new statements and send what waits (on the worker thread)."""
        path, packs, config, force, enqueue_first = job
        try:
            report = lrs.sync(path, packs, config, force=force, enqueue_first=enqueue_first)
        except Exception as error:  # a sender that dies silently would leave the teacher guessing
            report = lrs.SendReport(error=f"sending stopped: {error}")
        self.finished.emit(report)


class LrsSyncController(QObject):
    """Owns the sender thread; asks it to sync on a timer or on request, one run at a time."""

    run_requested = Signal(object)
    status_changed = Signal()

    def __init__(
        self,
        store: ProgressStore,
        packs: Callable[[], Sequence[Pack]],
        credentials: lrs.CredentialStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.packs = packs
        self.credentials = credentials or lrs.CredentialStore()
        self.last_report: lrs.SendReport | None = None
        self.running = False
        self._again: bool | None = None  # a run asked for while one was going (True when forced)
        self._fingerprint: tuple[Any, ...] | None = None
        self._thread: QThread | None = None
        self._worker: LrsWorker | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def config(self) -> lrs.LrsConfig | None:
        """Return the config from the saved settings and password, or None when sending is off."""
        try:
            return lrs.load_config(self.store, self.credentials)
        except ProgressError:
            return None

    def _ensure_thread(self) -> LrsWorker:
        if self._worker is None:
            self._thread = QThread(self)
            self._thread.setObjectName("lrs-sender")
            self._worker = LrsWorker()
            self._worker.moveToThread(self._thread)
            self.run_requested.connect(self._worker.run)
            self._worker.finished.connect(self._on_worker_finished)
            self._thread.finished.connect(self._worker.deleteLater)
            self._thread.start()
        return self._worker

    def request_sync(self, force: bool = False) -> bool:
        """Ask for a sync now; False when sending is off or incomplete. A run in flight is followed by another."""
        config = self.config()
        if config is None:
            return False
        if self.running:
            self._again = bool(self._again) or force
            return True
        try:
            fingerprint = lrs.activity_fingerprint(self.store)
        except ProgressError:
            fingerprint = None
        enqueue_first = fingerprint is None or fingerprint != self._fingerprint
        self._fingerprint = fingerprint
        self._ensure_thread()
        self.running = True
        self.run_requested.emit((str(self.store.path), list(self.packs()), config, force, enqueue_first))
        return True

    def _on_timer_timeout(self) -> None:
        """Sync when sending is on (the backoff decides whether a try is due)."""
        self.request_sync()

    def _on_worker_finished(self, report: lrs.SendReport) -> None:
        """Keep the report, tell the dialog, and run again if asked meanwhile."""
        self.running = False
        self.last_report = report
        self.status_changed.emit()
        again, self._again = self._again, None
        if again is not None:
            self.request_sync(force=again)

    def shutdown(self) -> None:
        """Stop the timer and the sender thread (an unfinished batch stays queued for next time)."""
        self.timer.stop()
        if self._thread is not None:
            self._thread.quit()
            # A send in flight ends within its timeout; the outbox keeps whatever it did not confirm.
            self._thread.wait(int((lrs.TIMEOUT_SECONDS + 5) * 1000))
            self._thread = None
            self._worker = None


class LrsSettingsDialog(QDialog):
    """Where a teacher enters the LRS endpoint and Basic-auth credentials, and sees what was sent."""

    def __init__(
        self, store: ProgressStore, controller: LrsSyncController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.controller = controller
        self.credentials = controller.credentials
        self.setWindowTitle("Send results to an LRS")
        self.setAccessibleName("Send results to an LRS")
        self.setMinimumWidth(560)
        settings = lrs.load_settings(store)

        layout = QVBoxLayout(self)
        intro = QLabel(
            "A Learning Record Store (LRS) collects xAPI statements from many learning tools. Unspun "
            "sends every result on this computer to it, in batches, and keeps them queued while offline."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.enabled_box = QCheckBox("Send results to this LRS")
        self.enabled_box.setAccessibleName("Send results to this LRS")
        self.enabled_box.setChecked(settings.enabled)
        layout.addWidget(self.enabled_box)

        form = QFormLayout()
        self.endpoint_edit = QLineEdit(settings.endpoint)
        self.endpoint_edit.setPlaceholderText("https://lrs.example.org/xAPI/")
        self.endpoint_edit.setAccessibleName("Endpoint")
        self.endpoint_edit.textChanged.connect(self._on_endpoint_edit_text_changed)
        form.addRow("&Endpoint:", self.endpoint_edit)
        self.username_edit = QLineEdit(settings.username)
        self.username_edit.setAccessibleName("User name")
        form.addRow("&User name:", self.username_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Password")
        stored = self.credentials.load(settings.endpoint, settings.username) if settings.endpoint else None
        self.password_edit.setPlaceholderText("saved" if stored else "")
        form.addRow("&Password:", self.password_edit)
        layout.addLayout(form)

        self.keyring_label = QLabel(self.keyring_text())
        self.keyring_label.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_label.setObjectName("muted")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setAccessibleName("Where the password is kept")
        layout.addWidget(self.keyring_label)
        self.warning_label = QLabel("")
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)  # it may quote an error
        self.warning_label.setWordWrap(True)
        self.warning_label.setAccessibleName("Warning")
        layout.addWidget(self.warning_label)

        status_heading = QLabel("Status")
        status_heading.setObjectName("sideHeading")
        layout.addWidget(status_heading)
        self.status_label = QLabel("")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # an LRS's reply is text, never HTML
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Sending status")
        layout.addWidget(self.status_label)
        self.failures_list = QListWidget()
        self.failures_list.setAccessibleName("Statements the LRS refused")
        self.failures_list.setMaximumHeight(120)
        layout.addWidget(self.failures_list)
        actions = QHBoxLayout()
        self.send_button = QPushButton("Send &now")
        self.send_button.setAccessibleName("Send now")
        self.send_button.clicked.connect(self._on_send_button_clicked)
        actions.addWidget(self.send_button)
        self.retry_button = QPushButton("&Retry failed")
        self.retry_button.setAccessibleName("Retry failed")
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        actions.addWidget(self.retry_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        controller.status_changed.connect(self.refresh_status)
        self._on_endpoint_edit_text_changed(self.endpoint_edit.text())
        self.refresh_status()

    def keyring_text(self) -> str:
        """Say where the password is kept."""
        if self.credentials.persistent:
            return f"The password is kept in {self.credentials.backend_name}, never in Unspun's files."
        return (
            f"The password is kept only until Unspun closes, because {self.credentials.reason}. "
            "It is never written to a file; you will be asked for it again next time."
        )

    def _on_endpoint_edit_text_changed(self, text: str) -> None:
        """Warn when the password would cross the network unencrypted."""
        if text.strip() and lrs.sends_in_clear(text):
            self.warning_label.setText(
                "⚠ This address is not encrypted (http): the password and results could be read on the way, "
                "so Unspun sends over http only to an LRS on this computer. Use the LRS's https address."
            )
        else:
            self.warning_label.setText("")

    def refresh_status(self) -> None:
        """Show how many statements wait, were sent or failed, and the latest failures."""
        try:
            status = lrs.outbox_status(self.store)
        except ProgressError as error:
            self.status_label.setText(str(error))
            return
        text = status.summary()
        report = self.controller.last_report
        if self.controller.running:
            text += " Sending…"
        elif report is not None and report.error and not status.queued:
            text += f" Last try: {report.error}."
        self.status_label.setText(text)
        self.failures_list.clear()
        for failure in status.failures:
            self.failures_list.addItem(f"Failed: {failure.label}: {failure.reason}")
        self.failures_list.setVisible(bool(status.failures))
        self.retry_button.setEnabled(status.failed > 0)

    def save(self) -> bool:
        """Check and store the settings and password; close the dialog when they are usable."""
        endpoint, username = self.endpoint_edit.text().strip(), self.username_edit.text()
        enabled = self.enabled_box.isChecked()
        password = self.password_edit.text()
        if enabled or endpoint:
            try:
                lrs.make_config(endpoint, username, password)
            except lrs.LrsError as error:
                self.warning_label.setText(str(error))
                return False
        old = lrs.load_settings(self.store)
        if (old.endpoint, old.username) != (endpoint, username) and old.endpoint:
            self.credentials.forget(old.endpoint, old.username)
        try:
            lrs.save_settings(self.store, lrs.LrsSettings(endpoint, username, enabled))
        except ProgressError as error:
            self.warning_label.setText(str(error))
            return False
        if password:
            self.credentials.save(endpoint, username, password)
            self.keyring_label.setText(self.keyring_text())
        if enabled and self.credentials.load(endpoint, username) is None:
            self.warning_label.setText("Enter the password: without it nothing can be sent.")
            return False
        self.accept()
        if enabled:
            self.controller.request_sync(force=True)
        return True

    def _on_send_button_clicked(self) -> None:
        """Send what waits now, whatever the backoff says."""
        if not self.controller.request_sync(force=True):
            self.status_label.setText("Turn sending on and save the settings (with the password) first.")
            return
        self.refresh_status()

    def _on_retry_button_clicked(self) -> None:
        """Queue the refused statements again and send."""
        try:
            lrs.retry_failed(self.store)
        except ProgressError as error:
            self.status_label.setText(str(error))
            return
        self.controller.request_sync(force=True)
        self.refresh_status()


def install_lrs_sync(window: Any) -> LrsSyncController:
    """Give the main window its LRS sender (its timer starts syncing once sending is on)."""
    existing = getattr(window, "lrs_sync", None)
    if existing is not None:
        return existing  # type: ignore[no-any-return]
    controller = LrsSyncController(window.store, lambda: list(window.packs), parent=window)
    window.lrs_sync = controller
    return controller


def open_lrs_settings(window: Any) -> LrsSettingsDialog:
    """Show the LRS settings for the main window's progress file."""
    controller = install_lrs_sync(window)
    dialog = LrsSettingsDialog(window.store, controller, window)
    dialog.open()
    return dialog
