"""What identifies a plan file on disk; importable without the database layer (the window needs it early)."""

APPLICATION_ID = 0x534D4F50  # "SMOP"
SQLITE_MAGIC = b"SQLite format 3\x00"
EXTENSION = ".smoplan"
