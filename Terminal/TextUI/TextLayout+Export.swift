// Cell widths (``DisplayWidth``) and text columns (``TextTable``) live in TextLayout, which the
// server's command line uses too; every user of TextUI keeps reaching them through it.
@_exported import TextLayout
