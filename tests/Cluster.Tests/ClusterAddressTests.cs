using HyperSweep.Client.Connection;

namespace HyperSweep.Cluster.Tests;

/// <summary>Parsing of --cluster / HYPERSWEEP_CLUSTER values.</summary>
public sealed class ClusterAddressTests
{
    [Fact]
    public void A_redis_address_gives_endpoint_password_cluster_and_service()
    {
        var address = ClusterAddress.Parse("redis://:s3cr%40t@head.lab:6390/lab-a?service=nlp");
        Assert.Equal(("head.lab", 6390), (address.Redis!.Host, address.Redis.Port));
        Assert.Equal(("s3cr@t", "lab-a", "nlp"), (address.RedisPassword, address.ClusterId, address.ServiceId));
        Assert.DoesNotContain("s3cr", address.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_list_gives_every_gateway()
    {
        var address = ClusterAddress.Parse("gateways://10.0.0.1:30000,node2:30001/lab");
        Assert.Equal(["10.0.0.1:30000", "node2:30001"], address.Gateways.Select(g => $"{g.Host}:{g.Port}"));
        Assert.Equal(("lab", ClusterAddress.DefaultServiceId), (address.ClusterId, address.ServiceId));
    }

    [Theory]
    [InlineData("head:6379/lab", "no scheme")]
    [InlineData("redis://head:6379", "no cluster id")]
    [InlineData("redis://head:99999/lab", "no valid port")]
    [InlineData("gateways://node1/lab", "not host:port")]
    [InlineData("http://head/lab", "unknown scheme")]
    [InlineData("redis://:pw@head:6379/lab?x=1", "unknown or empty query parameter")]
    public void Malformed_addresses_say_what_is_wrong(string text, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => ClusterAddress.Parse(text));
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":pw@", exception.Message, StringComparison.Ordinal);
    }
}
