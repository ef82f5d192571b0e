package com.atrium.access;

import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the parts of the access module share: its dependencies and each other (wired once by {@link AccessService}). */
final class AccessContext {
    final JdbcClient jdbc;
    final AccessSubjects subjects;
    final Clock clock;
    final ApplicationEventPublisher events;
    final AccessCache cache;
    final VisibilityIndex index;
    final FactReads reads;
    final Decisions decisions;
    final Explanations explanations;
    final Visibility visibility;
    final FactWriter writer;
    final GroupFactWriter groups;
    final OutsiderGrants grants;
    final HolderRecords holders;
    final Review review;

    AccessContext(JdbcClient jdbc, AccessSubjects subjects, Clock clock, ApplicationEventPublisher events, AccessCache cache,
                  VisibilityIndex index) {
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.clock = clock;
        this.events = events;
        this.cache = cache;
        this.index = index;
        this.reads = new FactReads(this);
        this.decisions = new Decisions(this);
        this.explanations = new Explanations(this);
        this.visibility = new Visibility(this);
        this.writer = new FactWriter(this);
        this.groups = new GroupFactWriter(this);
        this.grants = new OutsiderGrants(this);
        this.holders = new HolderRecords(this);
        this.review = new Review(this);
    }
}
