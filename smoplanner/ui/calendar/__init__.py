"""The Calendar tab: month, week and list views of the posts, the ideas backlog, the post editor, import and export."""
