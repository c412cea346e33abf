"""Pure logic: money, platform rules, checklists, UTM, dates. Imports neither Qt nor SQLAlchemy."""
