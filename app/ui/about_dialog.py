"""The About dialog: the version, and the licences of the libraries Unspun is built on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui.theme import SPACE_L, SPACE_M, SPACE_XL

#: (library, licence) for every runtime dependency
LICENCES = (
    ("PySide6 and Qt", "LGPLv3"),
    ("PyYAML", "MIT"),
    ("Pygments", "BSD-2-Clause"),
    ("markdown-it-py", "MIT"),
    ("msgspec", "BSD-3-Clause"),
    ("platformdirs", "MIT"),
    ("fsrs", "MIT"),
    ("keyring", "MIT"),
    ("defusedxml", "PSF-2.0"),
    ("truststore", "MIT"),
)


def app_version() -> str:
    """Return Unspun's version (app/__init__.py, which pyproject.toml reads too)."""
    from app import __version__

    return __version__


class AboutDialog(QDialog):
    """Say what Unspun is, which version this is and whose work it stands on."""

    def __init__(self, icon: QIcon | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Unspun")
        self.setAccessibleName("About Unspun")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_XL, SPACE_XL, SPACE_XL, SPACE_L)
        layout.setSpacing(SPACE_M)

        head = QHBoxLayout()
        head.setSpacing(SPACE_L)
        if icon is not None and not icon.isNull():
            picture = QLabel()
            picture.setPixmap(icon.pixmap(64, 64))
            picture.setAccessibleName("Unspun icon")
            head.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        name = QLabel("Unspun")
        name.setObjectName("pageTitle")
        words.addWidget(name)
        self.version_label = QLabel(f"Version {app_version()}")
        self.version_label.setObjectName("muted")
        words.addWidget(self.version_label)
        blurb = QLabel("Learn to read state messaging and social media critically.")
        blurb.setWordWrap(True)
        words.addWidget(blurb)
        head.addLayout(words, 1)
        layout.addLayout(head)

        heading = QLabel("BUILT WITH")
        heading.setObjectName("pageKicker")
        layout.addWidget(heading)
        rows = "".join(
            f"<tr><td style='padding-right:16px'>{library}</td><td>{licence}</td></tr>"
            for library, licence in LICENCES
        )
        self.licences_label = QLabel(f"<table>{rows}</table>")
        self.licences_label.setTextFormat(Qt.TextFormat.RichText)
        self.licences_label.setAccessibleName("Licences of the libraries used")
        layout.addWidget(self.licences_label)
        note = QLabel("Qt is used under the GNU Lesser General Public License version 3.")
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
