"""One Unspun per data folder: a second start is told the folder is in use, and offered a way on.

Two windows writing the same progress file would each keep their own idea of it. The first
instance listens on a local socket named after its data folder (QLocalServer); a second start
on the same folder finds it there and offers to switch to that window (the first is asked to come
to the front) or to open a read-only window, whose progress goes to a throwaway copy.
A crashed instance leaves nothing that blocks: a socket nobody answers is taken over.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

#: what a second instance sends the first
ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 500
READ_ONLY_NOTE = "Read-only window: nothing you do here is saved"


def server_name(data: Path) -> str:
    """Name the local socket of the instance using ``data`` (short: socket paths are limited)."""
    digest = hashlib.sha256(str(data.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"unspun-{digest}"


class InstanceGuard(QObject):
    """Finds another instance on the same data folder, or listens as the one instance."""

    #: a second start asked this instance to come to the front
    activate_requested = Signal()

    def __init__(self, data: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data)
        self.server: QLocalServer | None = None

    def other_running(self) -> bool:
        """Tell whether another instance answers on this data folder."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        answered = socket.waitForConnected(CONNECT_TIMEOUT_MS)
        socket.abort()
        return answered

    def ask_other_to_activate(self) -> bool:
        """Ask the running instance to bring its window to the front; False if it did not answer."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return sent

    def listen(self) -> bool:
        """Become the instance of this data folder; False when the socket cannot be made."""
        server = QLocalServer(self)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # left by an instance that crashed
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_server_new_connection)
        self.server = server
        return True

    def close(self) -> None:
        """Stop listening (the window closed)."""
        if self.server is not None:
            self.server.close()
            self.server = None

    def _on_server_new_connection(self) -> None:
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        if socket is None:
            return

        # the request is one short line: wait for it here rather than keep a closure on the socket
        if socket.waitForReadyRead(CONNECT_TIMEOUT_MS) and bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
            self.activate_requested.emit()
        socket.abort()
        socket.deleteLater()


def ask_second_instance(data: Path, parent: QWidget | None = None) -> str:
    """Tell the learner the data folder is in use; return "switch", "read-only" or "quit"."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Unspun is already open",
        "Unspun is already open with the same progress folder. Two windows saving the same progress "
        "could lose work.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(
        f"Folder: {data}\n\nSwitch to the open window, or open a read-only window to look around "
        "(nothing you do in it is saved)."
    )
    switch = box.addButton("Switch to the open window", QMessageBox.ButtonRole.AcceptRole)
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(switch)
    box.exec()
    clicked = box.clickedButton()
    if clicked is switch:
        return "switch"
    if clicked is read_only:
        return "read-only"
    return "quit"


def read_only_copy(progress_file: Path) -> Path:
    """Copy the progress file (with its write-ahead log) to a throwaway folder; return the copy's path.

    The read-only window works on the copy: it shows the learner's progress as it was, and what
    is done in it is thrown away with the folder.
    """
    folder = Path(tempfile.mkdtemp(prefix="unspun-read-only-"))
    copy = folder / progress_file.name
    for suffix in ("", "-wal"):
        source = progress_file.with_name(progress_file.name + suffix)
        if source.is_file():
            shutil.copy2(source, folder / source.name)
    return copy
