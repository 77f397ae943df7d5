package classforge.agent;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Small integer ids for class loaders, so that the host can ask for a class "as loader N sees
 * it" without holding a reference: 0 is the bootstrap loader, ids are never reused, and loaders
 * stay collectable (weak references both ways).
 */
final class LoaderRegistry {
    private final Map<ClassLoader, Integer> ids = new WeakHashMap<ClassLoader, Integer>();
    private final List<WeakReference<ClassLoader>> loaders = new ArrayList<WeakReference<ClassLoader>>();

    LoaderRegistry() {
        loaders.add(null);
    }

    synchronized int idOf(ClassLoader loader) {
        if (loader == null) {
            return 0;
        }
        Integer id = ids.get(loader);
        if (id == null) {
            id = loaders.size();
            loaders.add(new WeakReference<ClassLoader>(loader));
            ids.put(loader, id);
        }
        return id;
    }

    /** The loader with this id; null for the bootstrap loader (0) and for a collected one. */
    synchronized ClassLoader loaderOf(int id) {
        if (id <= 0 || id >= loaders.size()) {
            return null;
        }
        return loaders.get(id).get();
    }

    synchronized boolean isLive(int id) {
        return id == 0 || loaderOf(id) != null;
    }
}
