/// The ANSI text UI layer of the tablet program: raw terminal modes, a cell buffer diffed frame by
/// frame, display widths of Unicode text, and decoding of keys, paste and mouse input. No ncurses.
public enum TextUI {}
