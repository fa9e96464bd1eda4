using System.Runtime.InteropServices;

namespace HooksDashboard.Cli;

/// <summary>
/// <c>getrusage(RUSAGE_SELF)</c> on 64-bit Linux: counts for the whole process, threads that have ended included
/// (summing <c>/proc/self/task/*</c> misses those, and the thread pool retires idle threads during a benchmark).
/// </summary>
internal static class ProcessUsage
{
    private const int RusageSelf = 0;

    // struct rusage on 64-bit Linux: ru_utime and ru_stime (two longs each), then 14 longs; ru_nvcsw and ru_nivcsw
    // are the last two.
    private const int Longs = 18;
    private const int VoluntarySwitches = 16;
    private const int InvoluntarySwitches = 17;

    /// <summary>The process's voluntary and involuntary context switches so far; null where <c>getrusage</c> is not available.</summary>
    public static long? ContextSwitches()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
            return null;
        var usage = new long[Longs];
        try
        {
            if (GetRusage(RusageSelf, usage) != 0)
                return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return usage[VoluntarySwitches] + usage[InvoluntarySwitches];
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetRusage(int who, [Out] long[] usage);
}
