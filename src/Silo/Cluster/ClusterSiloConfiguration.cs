using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// Cluster mode: membership, grain state and reminders in one Redis server through Orleans' own Redis providers,
/// the silo listening on its advertised address (nodes have several interfaces; the one other nodes reach is
/// named explicitly), and membership tuned so a dead node's trials move within seconds.
/// </summary>
public static class ClusterSiloConfiguration
{
    public static void Configure(ISiloBuilder silo, HyperSweepSiloOptions options)
    {
        var redis = RedisEndpoint.Parse(options.Redis!);
        var advertised = ResolveAdvertisedAddress(options.AdvertisedAddress!);
        var store = () => redis.ToConfigurationOptions(options.RedisPassword, options.RedisConnectTimeout, options.RedisUser);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.ListenOnAnyAddress);
        silo.UseRedisClustering(o => o.ConfigurationOptions = store());
        silo.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = store());
        // Grain state is written with Orleans' own serializer (as in dev mode's SQLite store): every state type is
        // [GenerateSerializer] already, and JSON would need its own contract for records and object-typed parameters.
        silo.Services.AddOptions<Orleans.Persistence.RedisStorageOptions>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = store());
        silo.Configure<ClusterMembershipOptions>(o => MembershipTuning.Apply(o));
        silo.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ClusterGenerationWatch>(sp, options));
        silo.Services.AddSingleton<IFatalErrorHandler, SiloFatalErrorHandler>();
        if (!string.IsNullOrWhiteSpace(options.TlsCertificate))
        {
            var files = new ClusterTlsFiles(options.TlsCertificate, string.IsNullOrWhiteSpace(options.TlsKey) ? null : options.TlsKey, options.TlsCa!);
            files.Load(); // fail at configuration time, naming the file, rather than on the first connection
            silo.UseTls(o => ClusterTlsConfiguration.Apply(o, files));
        }
    }

    /// <summary>An IP address as given, or a host name resolved to its first IPv4 address.</summary>
    public static IPAddress ResolveAdvertisedAddress(string text)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(text);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException($"HyperSweep:AdvertisedAddress '{text}' resolves to no address.");
        }
        catch (SocketException exception)
        {
            throw new InvalidOperationException($"HyperSweep:AdvertisedAddress '{text}' is neither an IP address nor a resolvable host name ({exception.Message}).", exception);
        }
    }
}
