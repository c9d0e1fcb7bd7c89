using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

public sealed class GemmBackendSelectorTests
{
    [Theory]
    [InlineData(null, typeof(SimdGemm))]
    [InlineData("", typeof(SimdGemm))]
    [InlineData("simd", typeof(SimdGemm))]
    [InlineData(" SIMD ", typeof(SimdGemm))]
    [InlineData("naive", typeof(NaiveGemm))]
    public void Known_names_build_their_backend(string? name, Type expected)
    {
        Assert.IsType(expected, GemmBackendSelector.Create(name));
    }

    [Theory]
    [InlineData("simd-avx512-6x64", nameof(SimdGemmPath.Vector512Wide))]
    [InlineData("simd-avx512", nameof(SimdGemmPath.Vector512))]
    [InlineData("simd-avx2", nameof(SimdGemmPath.Vector256))]
    [InlineData("simd-scalar", nameof(SimdGemmPath.Scalar))]
    public void A_forced_kernel_path_is_built_where_the_cpu_runs_it_and_refused_where_it_does_not(string name, string pathName)
    {
        var path = Enum.Parse<SimdGemmPath>(pathName);
        if (SimdGemm.Supports(path))
        {
            Assert.Equal(path, Assert.IsType<SimdGemm>(GemmBackendSelector.Create(name)).Path);
        }
        else
        {
            var error = Assert.Throws<InvalidOperationException>(() => GemmBackendSelector.Create(name, "HYPERSWEEP_GEMM"));
            Assert.Contains($"HYPERSWEEP_GEMM = \"{name}\"", error.Message);
        }
    }

    [Fact]
    public void An_unknown_name_is_rejected_with_the_valid_names_and_where_it_came_from()
    {
        var error = Assert.Throws<ArgumentException>(() => GemmBackendSelector.Create("cublas", "setting Engine:Gemm"));
        Assert.Contains("setting Engine:Gemm = \"cublas\"", error.Message);
        Assert.Contains("simd, openblas, naive", error.Message);
    }

    [Fact]
    public void Openblas_is_built_when_the_library_loads_and_explained_when_it_does_not()
    {
        if (OpenBlasGemm.IsAvailable)
        {
            Assert.IsType<OpenBlasGemm>(GemmBackendSelector.Create("openblas"));
        }
        else
        {
            var error = Assert.Throws<InvalidOperationException>(() => GemmBackendSelector.Create("openblas", "HYPERSWEEP_GEMM"));
            Assert.Contains("HYPERSWEEP_GEMM", error.Message);
            Assert.Contains("libopenblas.so.0", error.Message);
        }
    }

    [Fact]
    public void The_environment_variable_selects_the_backend()
    {
        // Nothing else in the process reads this variable; it is restored afterwards.
        var previous = Environment.GetEnvironmentVariable(GemmBackendSelector.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(GemmBackendSelector.EnvironmentVariable, "naive");
            Assert.IsType<NaiveGemm>(GemmBackendSelector.FromEnvironment());
            Environment.SetEnvironmentVariable(GemmBackendSelector.EnvironmentVariable, "bogus");
            var error = Assert.Throws<ArgumentException>(() => GemmBackendSelector.FromEnvironment());
            Assert.Contains(GemmBackendSelector.EnvironmentVariable, error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(GemmBackendSelector.EnvironmentVariable, previous);
        }
    }
}
