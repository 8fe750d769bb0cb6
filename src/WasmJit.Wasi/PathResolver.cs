namespace WasmJit.Wasi;

/// <summary>
/// Resolves a guest path relative to a directory fd to a host path, component by component, so that no path
/// escapes its preopen: absolute paths, <c>..</c> above the root and symlinks that lead outside (absolute targets,
/// or relative ones that climb above the root) are refused with <see cref="Errno.NotCapable"/>. Symlinks are
/// followed by the resolver itself (never by the OS) so their targets are checked the same way.
/// </summary>
internal static class PathResolver
{
    private const int MaxSymlinks = 40;

    /// <param name="followFinal">Follow a symlink in the last component (lookupflags.symlink_follow).</param>
    public static string Resolve(WasiFd dir, string path, bool followFinal)
    {
        if (dir.Kind != WasiFdKind.Directory)
        {
            throw new WasiErrnoException(Errno.NotDir);
        }
        if (path.Length == 0)
        {
            throw new WasiErrnoException(Errno.NoEnt);
        }
        if (path.Contains('\0'))
        {
            throw new WasiErrnoException(Errno.Inval);
        }
        if (path[0] == '/')
        {
            throw new WasiErrnoException(Errno.NotCapable);
        }
        string root = dir.Root;
        var stack = new List<string>();
        string rel = Path.GetRelativePath(root, dir.HostPath);
        if (rel != ".")
        {
            stack.AddRange(rel.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        var pending = new LinkedList<string>(path.Split('/'));
        bool trailingSlash = path.EndsWith('/');
        int links = 0;
        while (pending.Count > 0)
        {
            string c = pending.First!.Value;
            pending.RemoveFirst();
            if (c.Length == 0 || c == ".")
            {
                continue;
            }
            if (c == "..")
            {
                if (stack.Count == 0)
                {
                    throw new WasiErrnoException(Errno.NotCapable);
                }
                stack.RemoveAt(stack.Count - 1);
                continue;
            }
            bool last = pending.All(p => p.Length == 0 || p == ".");
            string candidate = Join(root, stack, c);
            if ((!last || followFinal || trailingSlash) &&
                Posix.Stat(candidate, follow: false, out var st) == Errno.Success &&
                (st.Mode & Posix.S_IFMT) == Posix.S_IFLNK)
            {
                if (++links > MaxSymlinks)
                {
                    throw new WasiErrnoException(Errno.Loop);
                }
                string target = ReadLink(candidate);
                if (target.StartsWith('/'))
                {
                    throw new WasiErrnoException(Errno.NotCapable);
                }
                var parts = target.Split('/');
                for (int i = parts.Length - 1; i >= 0; i--)
                {
                    pending.AddFirst(parts[i]);
                }
                continue;
            }
            stack.Add(c);
        }
        string result = stack.Count == 0 ? root : Join(root, stack, null);
        return trailingSlash ? result + "/" : result;
    }

    /// <summary>Splits a resolved host path into parent directory and final name, for create/unlink/rename.</summary>
    public static string ResolveParentAndName(WasiFd dir, string path, out string name)
    {
        string trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            throw new WasiErrnoException(path.Length == 0 ? Errno.NoEnt : Errno.NotCapable);
        }
        int slash = trimmed.LastIndexOf('/');
        name = slash < 0 ? trimmed : trimmed[(slash + 1)..];
        if (name is "." or "..")
        {
            throw new WasiErrnoException(name == ".." ? Errno.NotCapable : Errno.Inval);
        }
        string parent = slash < 0 ? "." : trimmed[..(slash + 1)];
        if (slash == 0)
        {
            throw new WasiErrnoException(Errno.NotCapable);
        }
        string resolvedParent = Resolve(dir, parent, followFinal: true).TrimEnd('/');
        return resolvedParent.Length == 0 ? "/" : resolvedParent;
    }

    public static unsafe string ReadLink(string hostPath)
    {
        byte* buf = stackalloc byte[4096];
        nint n = Posix.ReadLink(hostPath, buf, 4096);
        if (n < 0)
        {
            throw new WasiErrnoException(Posix.LastErrno());
        }
        return System.Text.Encoding.UTF8.GetString(buf, (int)n);
    }

    private static string Join(string root, List<string> stack, string? last)
    {
        var sb = new System.Text.StringBuilder(root.TrimEnd('/'));
        foreach (var s in stack)
        {
            sb.Append('/').Append(s);
        }
        if (last is not null)
        {
            sb.Append('/').Append(last);
        }
        return sb.Length == 0 ? "/" : sb.ToString();
    }
}
