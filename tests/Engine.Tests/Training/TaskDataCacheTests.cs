using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

public sealed class TaskDataCacheTests
{
    [Fact]
    public void The_same_task_and_folder_share_one_build_and_other_tasks_get_their_own()
    {
        var cache = new TaskDataCache(capacity: 2);
        var task = Agreement(TaskKind.Classification, size: 20, devSize: 5);

        var first = cache.GetOrBuild(task, "/tmp");
        var again = cache.GetOrBuild(task with { }, "/tmp/../tmp");
        var other = cache.GetOrBuild(Agreement(TaskKind.LanguageModel, size: 20, devSize: 5), "/tmp");

        Assert.Same(first, again);
        Assert.NotSame(first, other);
    }

    [Fact]
    public void Only_the_most_recent_tasks_are_kept()
    {
        var cache = new TaskDataCache(capacity: 1);
        var a = Agreement(TaskKind.Classification, size: 20, devSize: 5);
        var b = Agreement(TaskKind.Classification, size: 21, devSize: 5);

        var first = cache.GetOrBuild(a, "/tmp");
        cache.GetOrBuild(b, "/tmp");

        Assert.NotSame(first, cache.GetOrBuild(a, "/tmp"));
    }

    [Fact]
    public void A_failed_build_is_not_cached()
    {
        var cache = new TaskDataCache();
        var directory = Directory.CreateTempSubdirectory("hypersweep-cache-");
        try
        {
            var task = new TaskDefinition(TaskKind.LanguageModel, new FileDataSpec(DataFormat.Lines, "train.txt", "dev.txt"));
            Assert.ThrowsAny<EngineException>(() => cache.GetOrBuild(task, directory.FullName));

            File.WriteAllText(Path.Combine(directory.FullName, "train.txt"), "a b c\n");
            File.WriteAllText(Path.Combine(directory.FullName, "dev.txt"), "a b\n");

            Assert.Equal(4, cache.GetOrBuild(task, directory.FullName).Train.TokenCount);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
