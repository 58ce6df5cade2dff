# The window's words (ui/src). Filled as the window is translated.
