"""Sample reports and the fixture renderer that builds DOCX/PDF/XLSX files from them."""
