"""Export: one document model -> DOCX (python-docx) and PDF (QtGui only). See `exporter.export_artifact`.

Importing this package does not import Qt; `pdf_writer` (QtGui) is loaded only when a PDF is written or a CV's
pages are counted."""

from careervp_desktop.export.document import Document, build_document
from careervp_desktop.export.exporter import FORMATS, ExportResult, export_artifact, export_document, parse_formats
from careervp_desktop.export.file_names import export_file_name, export_file_stem, package_folder_name
from careervp_desktop.export.page import PAGE_SIZES, PageSizeName, default_page_size, resolve_page_size
from careervp_desktop.export.templates import DEFAULT_TEMPLATE, TEMPLATES, TemplateName

__all__ = [
    "DEFAULT_TEMPLATE",
    "FORMATS",
    "PAGE_SIZES",
    "TEMPLATES",
    "Document",
    "ExportResult",
    "PageSizeName",
    "TemplateName",
    "build_document",
    "default_page_size",
    "export_artifact",
    "export_document",
    "export_file_name",
    "export_file_stem",
    "package_folder_name",
    "parse_formats",
    "resolve_page_size",
]
