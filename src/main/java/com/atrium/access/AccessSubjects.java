package com.atrium.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the access module needs to know about people, supplied by the module that owns them
 * (practice). Keeps the dependency pointing toward access.
 */
public interface AccessSubjects {

    Optional<Subject> find(long userId);

    Map<Long, Subject> findAll(Collection<Long> userIds);

    /** Active practice managers of a practice, by name. */
    List<Subject> practiceManagers(long practiceId);

    /** A person as access sees them. */
    record Subject(long userId, long practiceId, String practiceName, String name, String type,
                   boolean practiceManager, boolean active) {
    }
}
