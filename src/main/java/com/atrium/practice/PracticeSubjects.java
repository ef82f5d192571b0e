package com.atrium.practice;

import com.atrium.access.AccessSubjects;
import com.atrium.practice.UserRepository.UserRow;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Tells the access module who people are. */
@Component
class PracticeSubjects implements AccessSubjects {
    private final UserRepository users;

    PracticeSubjects(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<Subject> find(long userId) {
        return users.byId(userId).map(PracticeSubjects::subject);
    }

    @Override
    public Map<Long, Subject> findAll(Collection<Long> userIds) {
        return users.byIds(userIds).stream().map(PracticeSubjects::subject)
                .collect(Collectors.toMap(Subject::userId, Function.identity()));
    }

    @Override
    public List<Subject> practiceManagers(long practiceId) {
        return users.managersOf(practiceId).stream().map(PracticeSubjects::subject).toList();
    }

    private static Subject subject(UserRow u) {
        return new Subject(u.id(), u.practiceId(), u.practiceName(), u.name(), u.type().name(), u.practiceManager(), u.active());
    }
}
