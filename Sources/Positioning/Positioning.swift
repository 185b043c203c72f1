/// Positions for the tablet: NMEA 0183 parsing, a gpsd client, and replay of NMEA logs and GPX tracks.
public enum PositioningModule {}
