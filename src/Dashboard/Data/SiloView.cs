using HyperSweep.Contracts;

namespace HyperSweep.Dashboard.Data;

/// <summary>
/// One silo of the membership with its training slots: <see cref="Slots"/> is null for a silo that is not active (or did
/// not answer: <see cref="SlotsError"/> says why). <see cref="LeftAt"/> is the last heartbeat of a dead silo.
/// </summary>
public sealed record SiloView(
    string Address,
    string Name,
    string Host,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? LeftAt,
    SiloSlots? Slots,
    string? SlotsError)
{
    public bool IsActive => Status == "Active";
}
