namespace Chalk.Store;

/// <summary>The eviction order of <see cref="InMemoryOnlineStore"/>: CLOCK (second chance), an approximation of
/// least-recently-used that costs a reader one bit write instead of a list move under a lock.</summary>
/// <remarks>
/// <para>Entries sit in slots of a ring; a hand sweeps it. An entry whose reference bit is set (it was read since the
/// hand last passed) loses the bit and is skipped; the first one without it, or past its time to live, is the victim.
/// An entry starts without the bit, so one that is written but never read is evicted before one that was read.</para>
/// <code>
///   slots:  [ e0* | e1 | --- | e3* | e4 ]      * = read since the hand last passed, --- = free
///                        ^hand                 the hand frees e4 next (e3 keeps its place, losing the *)
/// </code>
/// <para>A freed slot is reused by the next insert, so a new entry lands just behind the hand and is the last the hand
/// reaches. The ring is compacted when more than half its slots are free, keeping sweeps short. Not thread-safe:
/// the store calls it under its write lock.</para>
/// </remarks>
internal sealed class ClockRing
{
    private const int InitialCapacity = 64;
    private const int CompactAbove = 1024;

    private MemoryStoreEntry?[] _slots = new MemoryStoreEntry?[InitialCapacity];
    private readonly Stack<int> _free = new();
    private int _used;
    private int _hand;

    /// <summary>Gives <paramref name="entry"/> a slot, reusing the most recently freed one.</summary>
    public void Add(MemoryStoreEntry entry)
    {
        int slot;
        if (_free.Count > 0) slot = _free.Pop();
        else
        {
            if (_used == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
            slot = _used++;
        }
        _slots[slot] = entry;
        entry.Slot = slot;
    }

    /// <summary>Puts <paramref name="replacement"/> in <paramref name="entry"/>'s slot, keeping its place in the sweep.</summary>
    public void Replace(MemoryStoreEntry entry, MemoryStoreEntry replacement)
    {
        replacement.Slot = entry.Slot;
        _slots[entry.Slot] = replacement;
        entry.Slot = -1;
    }

    /// <summary>Frees <paramref name="entry"/>'s slot.</summary>
    public void Remove(MemoryStoreEntry entry)
    {
        _slots[entry.Slot] = null;
        _free.Push(entry.Slot);
        entry.Slot = -1;
        if (_used > CompactAbove && _free.Count > _used / 2) Compact();
    }

    /// <summary>The next victim: the first entry from the hand that is expired at <paramref name="nowUtcTicks"/> or
    /// has not been read since the hand last passed it. The ring must hold at least one entry.</summary>
    public MemoryStoreEntry NextVictim(long nowUtcTicks)
    {
        // Terminates: a full turn clears every bit it passes, so the second turn stops at the first entry.
        while (true)
        {
            if (_hand >= _used) _hand = 0;
            var entry = _slots[_hand++];
            if (entry is null) continue;
            if (!entry.Referenced || entry.ExpiresAtUtcTicks <= nowUtcTicks) return entry;
            entry.Referenced = false;
        }
    }

    /// <summary>Moves the entries to the front in sweep order starting from the hand, so the order is kept.</summary>
    private void Compact()
    {
        var slots = new MemoryStoreEntry?[Math.Max(InitialCapacity, (_used - _free.Count) * 2)];
        int n = 0;
        for (int i = 0; i < _used; i++)
        {
            var entry = _slots[(_hand + i) % _used];
            if (entry is null) continue;
            entry.Slot = n;
            slots[n++] = entry;
        }
        _slots = slots;
        _used = n;
        _hand = 0;
        _free.Clear();
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        _slots = new MemoryStoreEntry?[InitialCapacity];
        _free.Clear();
        _used = 0;
        _hand = 0;
    }
}
