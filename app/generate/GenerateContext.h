#pragma once

#include "generate/SiteFacts.h"
#include "model/Project.h"
#include "secrets/SecretPlaceholder.h"
#include "secrets/SecretValues.h"

namespace saltant {

class RenderPass;

// What a generator reads: the project, the facts derived from it, and secrets when the caller has them.
// Without a secret's value the generator writes a visible placeholder, so previews never hold secrets. The project
// must not change while a context reads it: its facts are computed once.
class GenerateContext
{
public:
    // pass: the render this context is for, which keeps the generators' parts (part()); may be nullptr.
    explicit GenerateContext(const Project& project, const SecretValues* secrets = nullptr, RenderPass* pass = nullptr)
        : m_project(project), m_facts(project, SiteFacts::Memo::Once), m_secrets(secrets), m_pass(pass)
    {}

    const Project& project() const { return m_project; }
    const SiteFacts& facts() const { return m_facts; }

    QString text(SettingKey key) const { return m_project.text(key); }
    int integer(SettingKey key) const { return m_project.integer(key); }
    bool flag(SettingKey key) const { return m_project.flag(key); }

    bool hasSecret(const QString& name) const { return m_secrets && m_secrets->contains(name); }
    // The secret's value, or its placeholder.
    QString secret(const QString& name) const
    {
        return hasSecret(name) ? m_secrets->value(name) : SecretPlaceholder::placeholder(name);
    }
    // The secret percent-encoded for a URL's userinfo, or its placeholder.
    QString secretForUrl(const QString& name) const;

    // A part of a generator's text that a render through a RenderCache keeps while the settings it read are
    // unchanged, so an edit writes again only the parts that read it; otherwise compute(). id: a name unique within
    // the generator. compute must read every setting it depends on itself (through this context), not take a value
    // read outside it, or the part would be kept when that setting changes.
    QString part(const char* id, const std::function<QString()>& compute) const;

private:
    const Project& m_project;
    SiteFacts m_facts;
    const SecretValues* m_secrets;
    RenderPass* m_pass;
};

} // namespace saltant
