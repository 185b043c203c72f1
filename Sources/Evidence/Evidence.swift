/// Proof of presence that holds up: a tablet's day track in a compact form, signed and chained
/// evidence (visits and track batches), and the server's plausibility checks. Both the tablet and
/// the server use it, so what one side writes is what the other side checks.
public enum EvidenceModule {}
