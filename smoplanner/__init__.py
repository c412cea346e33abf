"""smoplanner: an offline planner for a small business's social media."""

__version__ = "0.1.0"
APP_NAME = "smoplanner"
