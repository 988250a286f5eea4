"""Qt's own texts (OK/Cancel, context menus, standard dialogs) in Chinese."""

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication


def install_chinese_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's bundled qtbase_zh_CN; returns the translators so they stay alive."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
