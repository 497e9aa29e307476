"""The baseline for the start-up benchmark: a bare Textual app (Header, Static, Footer)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("A minimal Textual app.")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
