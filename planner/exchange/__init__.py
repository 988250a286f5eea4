"""Files in and out: policy texts, Word and Excel. Never touches the database."""
