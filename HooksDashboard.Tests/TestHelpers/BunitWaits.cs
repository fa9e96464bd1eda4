using System.Runtime.CompilerServices;
using Bunit;

namespace HooksDashboard.Tests.TestHelpers;

internal static class BunitWaits
{
    /// <summary>
    /// bUnit waits 1 s by default for a render to satisfy an assertion. Test collections run in parallel on
    /// two cores and components here debounce input and load from SQLite, so a correct render can take
    /// longer; a longer bound only delays the report of a real failure.
    /// </summary>
    [ModuleInitializer]
    internal static void LengthenDefaultWait() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
