"""smoplanner.ui package."""
