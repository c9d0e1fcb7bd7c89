using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Dashboard.Data;
using HyperSweep.Dashboard.Hosting;
using HyperSweep.Dashboard.Security;
using HyperSweep.Dashboard.Views;

namespace HyperSweep.Dashboard.Tests;

/// <summary>The pure parts: the cache's single flight, thinning, pruning steps, the token and the bind rule.</summary>
public sealed class UnitTests
{
    [Fact]
    public async Task Twenty_concurrent_readers_share_one_fetch()
    {
        var cache = new DashboardCache(TimeProvider.System);
        var gate = new TaskCompletionSource();
        var fetches = 0;
        async Task<Fetched<int>> Fetch()
        {
            Interlocked.Increment(ref fetches);
            await gate.Task;
            return new Fetched<int>(42, false);
        }

        var readers = Enumerable.Range(0, 20).Select(_ => cache.GetAsync("k", TimeSpan.FromHours(1), Fetch)).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(readers), v => Assert.Equal(42, v));
        Assert.Equal(42, await cache.GetAsync("k", TimeSpan.FromHours(1), Fetch));
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task A_failed_fetch_is_not_cached()
    {
        var cache = new DashboardCache(TimeProvider.System);
        await Assert.ThrowsAsync<TimeoutException>(() => cache.GetAsync<int>("k", TimeSpan.FromHours(1), () => throw new TimeoutException()));
        Assert.Equal(7, await cache.GetAsync("k", TimeSpan.FromHours(1), () => Task.FromResult(new Fetched<int>(7, false))));
    }

    [Fact]
    public void Thinning_keeps_the_best_and_spreads_the_rest_over_the_whole_range()
    {
        var picked = Thinning.Pick(10_000, 1_000, 200);
        Assert.Equal(1_000, picked.Count);
        Assert.Equal(Enumerable.Range(0, 200), picked.Take(200));
        Assert.Equal(9_999, picked[^1]);
        Assert.Equal(Enumerable.Range(0, 5), Thinning.Pick(5, 1_000, 200));
    }

    [Fact]
    public void Best_so_far_keeps_only_the_points_where_it_changes()
    {
        Assert.Equal([0, 2, 5], Thinning.StepChanges([3.0, 3.0, 2.0, 2.0, 2.0, 2.0]));
    }

    [Fact]
    public void Pruning_steps_count_who_reached_each_epoch_and_how_they_left()
    {
        var trials = new[]
        {
            Trial(0, TrialState.Completed, 3), Trial(1, TrialState.Pruned, 1), Trial(2, TrialState.Pruned, 2), Trial(3, TrialState.Running, 2),
        };
        var steps = SweepChartsBuilder.Pruning(trials);
        Assert.Equal(new PruningStep(1, 4, 1, 0, 3), steps[0]);
        Assert.Equal(new PruningStep(2, 3, 1, 0, 1), steps[1]);
        Assert.Equal(new PruningStep(3, 1, 0, 1, 0), steps[2]);
    }

    [Fact]
    public void The_token_matches_only_itself()
    {
        var token = DashboardToken.Generate();
        Assert.True(token.Length >= 43);
        Assert.True(DashboardToken.Matches(token, token));
        Assert.False(DashboardToken.Matches(token, token[..^1]));
        Assert.False(DashboardToken.Matches(token, null));
        Assert.False(DashboardToken.Matches(null, token));
        Assert.NotEqual(token, DashboardToken.Generate());
    }

    [Fact]
    public async Task A_non_loopback_bind_without_tls_or_token_is_refused_before_listening()
    {
        var endpoint = new DashboardEndpoint(ListenAddress.Parse("0.0.0.0:0"));
        var refused = await Assert.ThrowsAsync<DashboardConfigurationException>(() =>
            DashboardServer.StartAsync(new NoGrains(), endpoint, _ => { }));
        Assert.Contains("without TLS or a token", refused.Message, StringComparison.Ordinal);
        Assert.Null(new DashboardEndpoint(ListenAddress.Parse("0.0.0.0:0"), TokenConfigured: true).Problem());
        Assert.Null(new DashboardEndpoint(ListenAddress.Parse("[::1]:8080")).Problem());
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("example.org:8080")]
    [InlineData("127.0.0.1:99999")]
    public void Bad_listen_addresses_are_named(string text)
    {
        var error = Assert.Throws<FormatException>(() => ListenAddress.Parse(text));
        Assert.Contains(text.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    private static TrialSummary Trial(int number, TrialState state, int epochs) =>
        new(number, state, System.Collections.Immutable.ImmutableSortedDictionary<string, object>.Empty, epochs, 0.5, 1, 0.5, null, 1, "silo");

    /// <summary>A grain factory the refused server never gets to use.</summary>
    private sealed class NoGrains : IGrainFactory
    {
        public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithGuidKey => throw new NotSupportedException();
        public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithIntegerKey => throw new NotSupportedException();
        public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithStringKey => throw new NotSupportedException();
        public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithGuidCompoundKey => throw new NotSupportedException();
        public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithIntegerCompoundKey => throw new NotSupportedException();
        public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();
        public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();
        public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw new NotSupportedException();
        public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw new NotSupportedException();
        public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw new NotSupportedException();
        public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw new NotSupportedException();
        public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw new NotSupportedException();
        public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable => throw new NotSupportedException();
        public IAddressable GetGrain(GrainId grainId) => throw new NotSupportedException();
        public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw new NotSupportedException();
        public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey) => throw new NotSupportedException();
        public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey, string grainClassNamePrefix) => throw new NotSupportedException();
    }
}
