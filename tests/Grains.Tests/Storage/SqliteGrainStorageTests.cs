using HyperSweep.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSweep.Grains.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hs-sqlite-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private static readonly GrainId Grain = GrainId.Create("test", "grain-1");

    private SqliteGrainStorage NewStorage() =>
        new(Path.Combine(_directory, "nested", "state.db"), _services.GetRequiredService<Serializer>());

    [Fact]
    public async Task Missing_record_reads_as_new_default_state_without_etag()
    {
        var state = new GrainState<StoredRecord>();
        await NewStorage().ReadStateAsync("s", Grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal("", state.State!.Name);
    }

    [Fact]
    public async Task Written_state_reads_back_in_another_storage_instance_with_the_same_etag()
    {
        var writer = new GrainState<StoredRecord> { State = new StoredRecord { Name = "a", Values = [1.5, -2] } };
        await NewStorage().WriteStateAsync("s", Grain, writer);
        writer.State!.Values.Add(3);
        await NewStorage().WriteStateAsync("s", Grain, writer);

        var reader = new GrainState<StoredRecord>();
        await NewStorage().ReadStateAsync("s", Grain, reader);

        Assert.True(reader.RecordExists);
        Assert.Equal(writer.ETag, reader.ETag);
        Assert.Equal("a", reader.State!.Name);
        Assert.Equal([1.5, -2, 3], reader.State!.Values);
        Assert.True(File.Exists(Path.Combine(_directory, "nested", "state.db")));
    }

    [Fact]
    public async Task Write_with_a_stale_etag_fails_and_keeps_the_newer_state()
    {
        var storage = NewStorage();
        var first = new GrainState<StoredRecord> { State = new StoredRecord { Name = "first" } };
        await storage.WriteStateAsync("s", Grain, first);
        var second = new GrainState<StoredRecord>();
        await storage.ReadStateAsync("s", Grain, second);

        second.State!.Name = "second";
        await storage.WriteStateAsync("s", Grain, second);
        first.State!.Name = "stale";

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, first));
        var check = new GrainState<StoredRecord>();
        await storage.ReadStateAsync("s", Grain, check);
        Assert.Equal("second", check.State!.Name);
    }

    [Fact]
    public async Task Creating_a_record_that_another_activation_created_fails()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("s", Grain, new GrainState<StoredRecord> { State = new StoredRecord { Name = "one" } });

        var other = new GrainState<StoredRecord> { State = new StoredRecord { Name = "two" } };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, other));
    }

    [Fact]
    public async Task State_names_and_grain_ids_are_separate_records()
    {
        var storage = NewStorage();
        var otherGrain = GrainId.Create("test", "grain-2");
        await storage.WriteStateAsync("s", Grain, new GrainState<StoredRecord> { State = new StoredRecord { Name = "s1" } });
        await storage.WriteStateAsync("t", Grain, new GrainState<StoredRecord> { State = new StoredRecord { Name = "t1" } });
        await storage.WriteStateAsync("s", otherGrain, new GrainState<StoredRecord> { State = new StoredRecord { Name = "s2" } });

        var read = new GrainState<StoredRecord>();
        await storage.ReadStateAsync("t", Grain, read);
        Assert.Equal("t1", read.State!.Name);
        await storage.ReadStateAsync("s", otherGrain, read);
        Assert.Equal("s2", read.State!.Name);
    }

    [Fact]
    public async Task Clear_removes_the_record_and_checks_the_etag()
    {
        var storage = NewStorage();
        var state = new GrainState<StoredRecord> { State = new StoredRecord { Name = "x" } };
        await storage.WriteStateAsync("s", Grain, state);
        var stale = new GrainState<StoredRecord> { State = state.State, ETag = state.ETag };
        await storage.WriteStateAsync("s", Grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("s", Grain, stale));
        await storage.ClearStateAsync("s", Grain, state);

        Assert.False(state.RecordExists);
        var read = new GrainState<StoredRecord>();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Concurrent_writers_on_distinct_grains_all_land()
    {
        var storages = new[] { NewStorage(), NewStorage() };
        var writes = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var id = GrainId.Create("test", "g" + i);
            var state = new GrainState<StoredRecord> { State = new StoredRecord { Name = "n" + i } };
            await storages[i % 2].WriteStateAsync("s", id, state);
            state.State!.Values.Add(i);
            await storages[(i + 1) % 2].WriteStateAsync("s", id, state);
        }));
        await Task.WhenAll(writes);

        for (var i = 0; i < 40; i++)
        {
            var read = new GrainState<StoredRecord>();
            await storages[0].ReadStateAsync("s", GrainId.Create("test", "g" + i), read);
            Assert.Equal("2", read.ETag);
            Assert.Equal([i], read.State!.Values);
        }
    }

    [Fact]
    public async Task Concurrent_writes_committed_together_still_check_each_rows_etag()
    {
        var storage = NewStorage();
        var states = Enumerable.Range(0, 30).Select(i => new GrainState<StoredRecord> { State = new StoredRecord { Name = "v1-" + i } }).ToList();
        await Task.WhenAll(states.Select((state, i) => storage.WriteStateAsync("s", GrainId.Create("test", "c" + i), state)));
        var stale = new GrainState<StoredRecord> { State = new StoredRecord { Name = "stale" }, ETag = states[7].ETag };
        await storage.WriteStateAsync("s", GrainId.Create("test", "c7"), states[7]); // row 7 moves on; `stale` is now behind

        // Issued together, so the writes queue behind one another and share commits.
        var writes = states.Select((state, i) =>
        {
            state.State!.Name = "v2-" + i;
            return storage.WriteStateAsync("s", GrainId.Create("test", "c" + i), state);
        }).ToList();
        var staleWrite = storage.WriteStateAsync("s", GrainId.Create("test", "c7"), stale);
        var newRow = new GrainState<StoredRecord> { State = new StoredRecord { Name = "new" } };
        var duplicateCreate = storage.WriteStateAsync("s", GrainId.Create("test", "c3"), new GrainState<StoredRecord> { State = new StoredRecord { Name = "dup" } });
        var create = storage.WriteStateAsync("s", GrainId.Create("test", "fresh"), newRow);

        await Task.WhenAll(writes);
        await create;
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await Assert.ThrowsAsync<InconsistentStateException>(() => duplicateCreate);
        for (var i = 0; i < states.Count; i++)
        {
            var read = new GrainState<StoredRecord>();
            await NewStorage().ReadStateAsync("s", GrainId.Create("test", "c" + i), read);
            Assert.Equal("v2-" + i, read.State!.Name);
            Assert.Equal(states[i].ETag, read.ETag);
        }

        Assert.Equal("1", newRow.ETag);
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
