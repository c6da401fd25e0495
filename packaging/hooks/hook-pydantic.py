# Replaces pyinstaller-hooks-contrib's hook-pydantic (the spec's `hookspath` comes first): the same "every
# submodule" (pydantic 2 imports some by name), minus the pydantic 1 API (`pydantic.v1`) and the mypy plugin, which
# `spec_support.EXCLUDED_MODULES` leaves out. Asking for them would print 25 "Hidden import not found" warnings.
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules(
    "pydantic", filter=lambda name: not name.startswith(("pydantic.v1", "pydantic.mypy"))
)
