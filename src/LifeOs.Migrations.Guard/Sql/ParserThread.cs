using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace LifeOs.Migrations.Guard.Sql;

/// <summary>
/// A thread with a large stack that runs libpg_query for inputs too big for an ordinary thread's stack.
/// One long-lived thread serves the common sizes: starting a thread per call costs about 2 ms, most
/// of it libpg_query setting up its per-thread memory context again. Inputs beyond what its stack
/// covers get a thread of their own, sized for them, which exits afterwards.
/// </summary>
internal static class ParserThread
{
    /// <summary>The stack of the shared thread: reserved address space, committed only as it is used.</summary>
    public const int SharedStackBytes = 64 * 1024 * 1024;

    private static readonly Lazy<BlockingCollection<Action>> s_queue = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs <paramref name="work"/> on a thread with at least <paramref name="stackBytes"/> of stack and waits for it.</summary>
    public static T Run<T>(Func<T> work, long stackBytes)
    {
        if (stackBytes > SharedStackBytes)
        {
            return RunAlone(work, (int)Math.Min(int.MaxValue, stackBytes));
        }

        var result = default(T);
        ExceptionDispatchInfo? failure = null;
        using var done = new ManualResetEventSlim();
        s_queue.Value.Add(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        });
        done.Wait();
        failure?.Throw();
        return result!; // set by work() whenever failure is null
    }

    private static BlockingCollection<Action> StartShared()
    {
        var queue = new BlockingCollection<Action>();
        var thread = new Thread(
            () =>
            {
                foreach (var item in queue.GetConsumingEnumerable())
                {
                    item();
                }
            },
            SharedStackBytes)
        {
            IsBackground = true,
            Name = "migration-guard SQL parser",
        };
        thread.Start();
        return queue;
    }

    private static T RunAlone<T>(Func<T> work, int stackBytes)
    {
        var result = default(T);
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            stackBytes)
        {
            IsBackground = true,
            Name = "migration-guard SQL parser (large input)",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result!; // set by work() whenever failure is null
    }
}
