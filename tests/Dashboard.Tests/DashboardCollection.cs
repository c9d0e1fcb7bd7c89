namespace HyperSweep.Dashboard.Tests;

/// <summary>Every test that needs the dev silo and its dashboards (and the browser) runs in this one collection, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "dashboard";
}
